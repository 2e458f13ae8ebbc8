package dev.tollgate.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.console.app.ConsoleApp;
import dev.tollgate.console.app.LaunchOptions;
import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import dev.tollgate.model.config.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real console window against a {@link FakeAdminServer}. Needs a display: run under
 * {@code xvfb-run}. Without one the tests are skipped, except on CI ({@code CI=true}), where a
 * missing display is a failure.
 */
@ExtendWith(ApplicationExtension.class)
abstract class ConsoleUiTest {

    FakeAdminServer server;
    ConsoleApp.Console console;
    Scene scene;

    @BeforeAll
    static void requireDisplay() {
        boolean display = System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank();
        if (!display && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("UI tests need a display; run them under xvfb-run -a");
        }
        assumeTrue(display, "no DISPLAY; run UI tests under xvfb-run -a");
    }

    /** Returns the document the test admin server starts with. */
    GatewayConfig seed() {
        return Fixtures.twoRoutes();
    }

    @BeforeEach
    void openConsole() throws Exception {
        server = new FakeAdminServer(seed()).start();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            console = ConsoleApp.Console.open(LaunchOptions.NONE);
            scene = new Scene(console.view(), 1360, 860);
            console.view().install(scene);
            stage.setScene(scene);
            stage.setTitle("Tollgate console (test)");
            stage.show();
            stage.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            WaitForAsyncUtils.asyncFx(console::close).get(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** Types the server's URL and token into the connections area and clicks Connect. */
    void connectThroughForm(FxRobot robot) {
        robot.interact(() -> {
            console.model().connection().urlProperty().set("");
            console.model().connection().tokenProperty().set("");
        });
        robot.clickOn("#admin-url").write(server.url());
        robot.clickOn("#admin-token").write(FakeAdminServer.TOKEN);
        robot.clickOn("#connect");
        awaitFx(() -> console.model().connection().stateProperty().get() == ConnectionState.CONNECTED);
        awaitFx(() -> console.model().routes().rows().size() == server.current().routes().size());
    }

    /** Clicks the routes table cell that shows {@code routeId} and waits for the editor to load it. */
    void openRouteInEditor(FxRobot robot, String routeId) {
        robot.interact(() -> console.model().areaProperty().set(dev.tollgate.console.viewmodel.ConsoleViewModel.Area.ROUTES));
        javafx.scene.Node table = robot.lookup("#routes-table").query();
        javafx.scene.Node cell = robot.from(table).lookup(".table-cell")
                .match((javafx.scene.control.Labeled labeled) -> routeId.equals(labeled.getText())).query();
        robot.clickOn(cell);
        awaitFx(() -> routeId.equals(console.model().routes().editor().idProperty().get()));
    }

    /** Scrolls the scroll pane around {@code node} so the node is on screen, as an operator would before clicking. */
    static void scrollIntoView(FxRobot robot, javafx.scene.Node node) {
        robot.interact(() -> {
            javafx.scene.Parent parent = node.getParent();
            while (parent != null && !(parent instanceof javafx.scene.control.ScrollPane)) {
                parent = parent.getParent();
            }
            if (parent instanceof javafx.scene.control.ScrollPane scroll) {
                javafx.scene.Node content = scroll.getContent();
                double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                scroll.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / range)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void awaitFx(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading UI state failed", e);
        }
    }

    static void assertOnFx(Runnable check) {
        onFx(() -> {
            check.run();
            return null;
        });
        assertThat(true).isTrue();
    }
}
