package dev.tollgate.console.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.ConnectionProfile;
import dev.tollgate.console.service.ConsoleServices;
import dev.tollgate.console.service.Backoff;
import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import dev.tollgate.model.api.TrafficRecord;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void historyKeepsFifteenMinutesPerRoute() {
        TrafficViewModel traffic = new TrafficViewModel(new SameThreadTasks(), new SimpleObjectProperty<>());

        for (int i = 0; i < 1000; i++) {
            traffic.apply(List.of(Fixtures.metrics(T0.plusSeconds(i), 10, 1, 0)));
        }

        RouteHistory orders = traffic.history("orders");
        assertThat(orders.size()).isEqualTo(RouteHistory.CAPACITY);
        assertThat(orders.get(0).at()).isEqualTo(T0.plusSeconds(100));
        assertThat(orders.get(RouteHistory.CAPACITY - 1).at()).isEqualTo(T0.plusSeconds(999));
        assertThat(orders.get(0).p99Millis()).isEqualTo(80.0);
        assertThat(traffic.routeIds()).containsExactly(TrafficViewModel.ALL_ROUTES, "orders", "users");
        assertThat(traffic.historyVersionProperty().get()).isEqualTo(1000);
    }

    @Test
    void drillDownFiltersRecentRequests() throws Exception {
        try (FakeAdminServer server = new FakeAdminServer(Fixtures.twoRoutes()).start();
                ConsoleServices services = new ConsoleServices(Backoff.DEFAULT)) {
            server.addTraffic(record(T0, "orders", 200, "acme"));
            server.addTraffic(record(T0.plusSeconds(2), "orders", 503, "acme"));
            server.addTraffic(record(T0.plusSeconds(3), "orders", 404, "globex"));
            server.addTraffic(record(T0.plusSeconds(60), "orders", 200, "acme"));
            server.addTraffic(record(T0, "users", 200, "acme"));
            AdminClient admin = services.admin(new ConnectionProfile("t", server.url(), FakeAdminServer.TOKEN));
            TrafficViewModel traffic = new TrafficViewModel(new SameThreadTasks(), new SimpleObjectProperty<>(admin));

            traffic.drillDown("orders", T0.plusSeconds(1));
            assertThat(traffic.records()).extracting(TrafficRecord::status).containsExactly(404, 503, 200);

            traffic.statusFilterProperty().set("5xx");
            assertThat(traffic.records()).extracting(TrafficRecord::status).containsExactly(503);

            traffic.statusFilterProperty().set("");
            traffic.consumerFilterProperty().set("globex");
            assertThat(traffic.records()).extracting(TrafficRecord::status).containsExactly(404);
            assertThat(traffic.drillDownMessageProperty().get()).startsWith("1 of 1 recent requests on route orders within 5 s of");

            traffic.selectedRecordProperty().set(traffic.records().getFirst());
            assertThat(traffic.detailProperty().get()).contains("Status: 404", "Consumer: globex", "Request: GET /orders/7");
        }
    }

    @Test
    void anonymousConsumerAgreesInTableAndDetails() {
        TrafficRecord anonymous = new TrafficRecord(T0, "req-1", "orders", "GET", "/orders/7", 200, 12.5, 10.0,
                "http://127.0.0.1:9101", null, null, 0, 120);

        assertThat(TrafficViewModel.consumerLabel(anonymous)).isEqualTo("anonymous");
        assertThat(TrafficViewModel.describe(anonymous)).contains("Consumer: anonymous");
    }

    @Test
    void configuredRoutesAreListedBeforeTraffic() {
        TrafficViewModel traffic = new TrafficViewModel(new SameThreadTasks(), new SimpleObjectProperty<>());
        traffic.apply(List.of(Fixtures.metrics(T0, 10, 1, 0)));

        traffic.showRoutes(List.of("orders", "billing"));

        assertThat(traffic.routeIds()).containsExactly(TrafficViewModel.ALL_ROUTES, "orders", "billing", "users");
    }

    @Test
    void routeCreatedThroughApiAppearsAfterConfigEvent() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(),
                java.nio.file.Files.createTempDirectory("traffic-routes")).connect(FakeAdminServer.TOKEN)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> harness.server.openStreams() == 1);
            List<dev.tollgate.model.config.Route> routes = new java.util.ArrayList<>(harness.server.current().routes());
            routes.add(dev.tollgate.model.config.Route.of("billing",
                    dev.tollgate.model.config.RouteMatch.paths("/billing/**"), "users"));

            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(routes));

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> harness.pumpUntil(() -> harness.console.traffic().routeIds().contains("billing")));
        }
    }

    private static TrafficRecord record(Instant at, String route, int status, String consumer) {
        return new TrafficRecord(at, "req-" + at.getEpochSecond() + route, route, "GET", "/" + route + "/7", status, 12.5, 10.0,
                "http://127.0.0.1:9101", consumer, "key-1", 0, 120);
    }
}
