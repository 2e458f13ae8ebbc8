package dev.tollgate.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import dev.tollgate.console.support.SimulatedTraffic;
import dev.tollgate.console.view.MainView;
import dev.tollgate.console.viewmodel.ConsoleViewModel.Area;
import dev.tollgate.console.viewmodel.FxUpdateStats;
import dev.tollgate.console.viewmodel.RouteHistory;
import dev.tollgate.model.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes {@code docs/screenshots/<area>.png} from the real window, fed 15 minutes of simulated
 * traffic through the test admin server's live stream. The directory comes from the
 * {@code tollgate.screenshots.dir} system property that the build sets.
 */
class ScreenshotsUiTest extends ConsoleUiTest {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotsUiTest.class);
    private static final int STEADY_UPDATES = 30;

    @Override
    GatewayConfig seed() {
        return Fixtures.showcase();
    }

    @Test
    void writeScreenshotOfEveryArea(FxRobot robot) throws Exception {
        Path directory = Path.of(System.getProperty("tollgate.screenshots.dir", "target/screenshots"));
        Files.createDirectories(directory);
        robot.interact(() -> {
            console.model().connection().nameProperty().set("local demo");
            console.model().connection().urlProperty().set(server.url());
            console.model().connection().tokenProperty().set(FakeAdminServer.TOKEN);
            console.model().connection().saveProfile();
        });
        awaitFx(() -> console.model().connection().profiles().stream().anyMatch(profile -> profile.name().equals("local demo")));
        save(robot, directory, "connections", Area.CONNECTIONS);
        connectThroughForm(robot);
        awaitFx(() -> server.openStreams() == 1);

        SimulatedTraffic traffic = new SimulatedTraffic(server);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int second = RouteHistory.CAPACITY - 1; second >= 0; second--) {
            traffic.tick(now.minusSeconds(second));
        }
        robot.interact(() -> console.model().areaProperty().set(Area.OVERVIEW));
        awaitFx(() -> console.model().overview().eventsAppliedProperty().get() == RouteHistory.CAPACITY);
        LOG.info("FX thread while loading {} events as a burst: {}", RouteHistory.CAPACITY, console.model().updateStats().snapshot());
        measureSteadyUpdates(traffic, now);

        save(robot, directory, "overview", Area.OVERVIEW);

        robot.interact(() -> console.model().areaProperty().set(Area.ROUTES));
        openRouteInEditor(robot, "orders");
        save(robot, directory, "routes", Area.ROUTES);
        robot.interact(() -> console.model().routes().searchProperty().set("orders"));
        save(robot, directory, "routes-search", Area.ROUTES);
        robot.interact(() -> console.model().routes().searchProperty().set(""));

        robot.interact(() -> {
            console.model().routes().editor().upstreamIdProperty().set("orders-v2");
            console.model().routes().editor().responseTimeoutMillisProperty().set("soon");
            console.model().routes().editor().preview();
        });
        robot.interact(() -> {
            console.model().routes().editor().responseTimeoutMillisProperty().set("4000");
            console.model().routes().editor().hostsProperty().set("api.example.test, api:8443");
            console.model().routes().editor().validate();
        });
        save(robot, directory, "route-editor-invalid", Area.ROUTES);
        robot.interact(() -> {
            console.model().routes().editor().hostsProperty().set("api.example.test");
            console.model().routes().editor().preview();
        });
        save(robot, directory, "route-editor", Area.ROUTES);

        robot.interact(() -> console.view().routesView().showMap());
        save(robot, directory, "route-map", Area.ROUTES);

        robot.interact(() -> {
            console.model().traffic().selectedRouteProperty().set("orders");
            console.model().traffic().drillDown("orders", now.minusSeconds(30));
        });
        awaitFx(() -> !console.model().traffic().records().isEmpty());
        robot.interact(() -> console.model().traffic().selectedRecordProperty().set(console.model().traffic().records().getFirst()));
        save(robot, directory, "traffic", Area.TRAFFIC);

        server.replaceAsAnotherOperator(server.current().withRoutes(server.current().routes().subList(0, 4)));
        awaitFx(() -> console.model().config().revisions().size() == 2);
        robot.interact(() -> console.model().config().showDiff());
        awaitFx(() -> !console.model().config().diffProperty().get().isEmpty());
        save(robot, directory, "config", Area.CONFIG);

        robot.interact(() -> {
            console.view().routesView().showEditor();
            console.model().routes().editRoute("users");
            console.model().routes().editor().priorityProperty().set("5");
        });
        server.replaceAsAnotherOperator(server.current().withRoutes(server.current().routes().subList(0, 3)));
        robot.interact(() -> console.model().routes().editor().apply());
        awaitFx(() -> console.model().routes().editor().conflictProperty().get());
        save(robot, directory, "route-editor-conflict", Area.ROUTES);

        robot.interact(() -> console.view().applyTheme(MainView.Theme.DARK));
        save(robot, directory, "overview-dark", Area.OVERVIEW);
        save(robot, directory, "traffic-dark", Area.TRAFFIC);
        robot.interact(() -> console.view().routesView().showEditor());
        save(robot, directory, "route-editor-dark", Area.ROUTES);

        assertThat(directory.resolve("overview.png")).isNotEmptyFile();
        assertThat(directory.resolve("config.png")).isNotEmptyFile();
    }

    /** Applies events one at a time, as the runtime sends them every second, and logs the FX-thread time per update. */
    private void measureSteadyUpdates(SimulatedTraffic traffic, Instant now) {
        robot().interact(() -> console.model().updateStats().reset());
        for (int i = 1; i <= STEADY_UPDATES; i++) {
            traffic.tick(now.plusSeconds(i));
            long expected = RouteHistory.CAPACITY + i;
            awaitFx(() -> console.model().overview().eventsAppliedProperty().get() == expected);
        }
        FxUpdateStats.Snapshot steady = console.model().updateStats().snapshot();
        LOG.info("FX thread per steady live update (5 routes, Overview shown): {}", steady);
        assertThat(steady.batches()).isEqualTo(STEADY_UPDATES);
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    private void save(FxRobot robot, Path directory, String name, Area area) throws IOException {
        robot.interact(() -> console.model().areaProperty().set(area));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = onFx(() -> scene.snapshot(null));
        Path file = directory.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        LOG.info("Wrote {}", file);
    }
}
