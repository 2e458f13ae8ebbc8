package dev.tollgate.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.app.ConsoleApp;
import dev.tollgate.console.app.LaunchOptions;
import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.support.InProcessGateway;
import dev.tollgate.console.support.NamedUpstream;
import dev.tollgate.console.viewmodel.ConsoleViewModel.Area;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the console window against a real gateway in this JVM (data plane, telemetry and admin API
 * over a data dir) with two real upstreams. The console opens connected, an edit made in its
 * editor moves live traffic to the other upstream, and undo moves it back.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleEndToEndUiTest {

    @TempDir
    Path directory;

    private NamedUpstream v1;
    private NamedUpstream v2;
    private InProcessGateway gateway;
    private ConsoleApp.Console console;

    @BeforeAll
    static void requireDisplay() {
        ConsoleUiTest.requireDisplay();
    }

    @BeforeEach
    void startGatewayAndConsole() throws Exception {
        v1 = new NamedUpstream("orders-v1").start();
        v2 = new NamedUpstream("orders-v2").start();
        GatewayConfig config = new GatewayConfig(null,
                List.of(Upstream.of("orders-v1", List.of(Target.of(v1.url()))), Upstream.of("orders-v2", List.of(Target.of(v2.url())))),
                List.of(Route.of("orders", RouteMatch.paths("/orders/**"), "orders-v1")));
        gateway = InProcessGateway.start(config, directory);

        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            console = ConsoleApp.Console.open(new LaunchOptions(gateway.adminUrl(), InProcessGateway.ADMIN_TOKEN, false));
            Scene scene = new Scene(console.view(), 1360, 860);
            console.view().install(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (console != null) {
            WaitForAsyncUtils.asyncFx(console::close).get(10, TimeUnit.SECONDS);
        }
        gateway.close();
        v1.close();
        v2.close();
    }

    @Test
    void routeEditMovesLiveTraffic(FxRobot robot) throws Exception {
        ConsoleUiTest.awaitFx(() -> console.model().connection().stateProperty().get() == ConnectionState.CONNECTED);
        ConsoleUiTest.awaitFx(() -> console.model().routes().rows().size() == 1);
        assertThat(ConsoleUiTest.onFx(() -> console.model().connection().nodeIdProperty().get())).isEqualTo("e2e-node");
        assertThat(NamedUpstream.sendThrough(gateway.dataUrl(), "/orders/1", 10)).isEqualTo("200 orders-v1");
        ConsoleUiTest.awaitFx(() -> console.model().overview().totalRequestsPerSecondProperty().get() > 0);

        robot.interact(() -> console.model().areaProperty().set(Area.ROUTES));
        javafx.scene.Node table = robot.lookup("#routes-table").query();
        robot.clickOn(robot.from(table).lookup(".table-cell")
                .match((javafx.scene.control.Labeled cell) -> "orders".equals(cell.getText())).<javafx.scene.Node>query());
        ConsoleUiTest.awaitFx(() -> "orders".equals(console.model().routes().editor().idProperty().get()));
        robot.interact(() -> console.model().routes().editor().upstreamIdProperty().set("orders-v2"));
        robot.clickOn("#editor-apply");

        long editedRevision = gateway.currentRevision();
        ConsoleUiTest.awaitFx(() -> console.model().routes().editor().messageProperty().get().startsWith("Applied as revision"));
        assertThat(gateway.currentConfig().route("orders").orElseThrow().upstream()).isEqualTo("orders-v2");
        assertThat(NamedUpstream.sendThrough(gateway.dataUrl(), "/orders/2", 10)).isEqualTo("200 orders-v2");

        robot.interact(() -> console.model().traffic().drillDown("orders", null));
        ConsoleUiTest.awaitFx(() -> console.model().traffic().records().stream().anyMatch(record -> v2.url().equals(record.target())));
        List<TrafficRecord> records = ConsoleUiTest.onFx(() -> List.copyOf(console.model().traffic().records()));
        assertThat(records.getFirst().target()).isEqualTo(v2.url());
        assertThat(records).extracting(TrafficRecord::target).contains(v1.url(), v2.url());

        ConsoleUiTest.awaitFx(() -> console.model().routes().undoTargetProperty().get() != null);
        robot.clickOn("#route-undo");
        ConsoleUiTest.awaitFx(() -> console.model().routes().rollback().pendingProperty().get());
        robot.clickOn("#route-undo-confirm");
        ConsoleUiTest.awaitFx(() -> gateway.currentRevision() > editedRevision);
        assertThat(gateway.currentConfig().route("orders").orElseThrow().upstream()).isEqualTo("orders-v1");
        assertThat(NamedUpstream.sendThrough(gateway.dataUrl(), "/orders/3", 5)).isEqualTo("200 orders-v1");
        ConsoleUiTest.awaitFx(() -> console.model().connection().configRevisionProperty().get() == gateway.currentRevision());
    }
}
