package dev.tollgate.console.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionViewModelTest {

    @TempDir
    Path configDirectory;

    @BeforeEach
    void pollOnTestThread() {
        // The test thread plays the FX thread, so conditions and the UI work they pump run on it.
        Awaitility.pollInSameThread();
    }

    @Test
    void connectShowsNodeVersionAndRevision() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.TOKEN)) {
            ConnectionViewModel connection = harness.console.connection();

            assertThat(connection.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(connection.nodeIdProperty().get()).isEqualTo("node-a");
            assertThat(connection.versionProperty().get()).isEqualTo("0.1.0-test");
            assertThat(connection.configRevisionProperty().get()).isEqualTo(1);
            assertThat(connection.statusTextProperty().get()).contains("node node-a", "version 0.1.0-test", "config revision 1");
            assertThat(harness.console.routes().rows()).extracting(RouteRow::id).containsExactly("orders", "users");
            assertThat(harness.console.areaProperty().get()).isEqualTo(ConsoleViewModel.Area.OVERVIEW);
        }
    }

    @Test
    void rejectedTokenFailsWithMessage() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect("wrong-token")) {
            ConnectionViewModel connection = harness.console.connection();

            assertThat(connection.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
            assertThat(connection.errorProperty().get()).contains("rejected the admin token (status 401)");
            assertThat(connection.errorProperty().get()).doesNotContain("wrong-token");
            assertThat(connection.clientProperty().get()).isNull();
        }
    }

    @Test
    void missingTokenIsReportedBeforeConnecting() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(" ")) {
            assertThat(harness.console.connection().stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(harness.console.connection().errorProperty().get()).startsWith("The admin token is required");
        }
    }

    @Test
    void lostStreamReconnectsWithBackoffAndResumes() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.TOKEN)) {
            FakeAdminServer server = harness.server;
            ConnectionViewModel connection = harness.console.connection();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams() == 1);
            server.publishMetrics(Fixtures.metrics(Instant.now(), 10, 2, 0));
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> harness.console.overview().eventsAppliedProperty().get() == 1));

            server.refuseStreams(true);
            server.dropStreams();

            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> connection.statusTextProperty().get().contains("attempt 2")));
            assertThat(connection.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
            assertThat(connection.statusTextProperty().get())
                    .startsWith("Connection lost. The runtime answered status 503. Reconnecting in ").contains(", attempt 2");

            server.refuseStreams(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> connection.stateProperty().get() == ConnectionState.CONNECTED));
            assertThat(server.lastEventIdsSeen().getLast()).isEqualTo("1");
        }
    }

    @Test
    void configEventUpdatesRevisionAndReloadsRoutes() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.TOKEN)) {
            FakeAdminServer server = harness.server;
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams() == 1);

            server.replaceAsAnotherOperator(server.current().withRoutes(server.current().routes().subList(0, 1)));

            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> harness.console.connection().configRevisionProperty().get() == 2));
            assertThat(harness.console.routes().rows()).extracting(RouteRow::id).containsExactly("orders");
        }
    }

    @Test
    void streamResetReloadsRevisionAndRoutes() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.TOKEN)) {
            FakeAdminServer server = harness.server;
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams() == 1);
            server.replaceSilently(server.current().withRoutes(server.current().routes().subList(1, 2)));

            server.publishReset();

            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> harness.console.connection().resyncCountProperty().get() == 1));
            assertThat(harness.console.connection().configRevisionProperty().get()).isEqualTo(2);
            assertThat(harness.console.routes().rows()).extracting(RouteRow::id).containsExactly("users");
        }
    }

    @Test
    void unreachableRuntimeIsRetriedUntilItStarts() throws Exception {
        int port;
        try (java.net.ServerSocket reserved = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes(), port), configDirectory);
        try (harness) {
            ConnectionViewModel connection = harness.console.connection();
            connection.urlProperty().set("http://127.0.0.1:" + port);
            connection.tokenProperty().set(FakeAdminServer.TOKEN);

            connection.connect();

            assertThat(connection.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
            assertThat(connection.statusTextProperty().get())
                    .startsWith("Cannot reach 127.0.0.1:" + port + ". Retrying in 50 ms, attempt 2")
                    .doesNotContain("Exception", "Failed to connect");
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> connection.statusTextProperty().get().contains("attempt 3")));

            harness.server.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.pumpUntil(() -> connection.stateProperty().get() == ConnectionState.CONNECTED));
            assertThat(connection.nodeIdProperty().get()).isEqualTo("node-a");
        }
    }

    @Test
    void savedProfileIsListedAndSelectable() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)) {
            ConnectionViewModel connection = harness.console.connection();
            connection.nameProperty().set("staging");
            connection.urlProperty().set("http://127.0.0.1:9999");
            connection.tokenProperty().set("t-123");

            connection.saveProfile();
            connection.urlProperty().set("");
            connection.selectProfile(connection.profiles().getFirst());

            assertThat(connection.profiles()).extracting(p -> p.name()).containsExactly("staging");
            assertThat(connection.urlProperty().get()).isEqualTo("http://127.0.0.1:9999");
        }
    }
}
