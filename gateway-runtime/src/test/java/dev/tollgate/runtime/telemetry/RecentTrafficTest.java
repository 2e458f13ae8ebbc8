package dev.tollgate.runtime.telemetry;

import static dev.tollgate.runtime.telemetry.Exchanges.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.Problem;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.GatewaySettings;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecentTrafficTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Telemetry telemetry;
    private TelemetryServer server;

    @BeforeEach
    void start() throws Exception {
        telemetry = new Telemetry(TelemetrySettings.DEFAULTS.withRecentTrafficPerRoute(50), clock, scheduler, "node-1");
        server = new TelemetryServer(telemetry.endpoints());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        telemetry.close();
        server.close();
        scheduler.shutdownNow();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(AdminPaths.TRAFFIC_RECENT + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<TrafficRecord> records(String query) throws Exception {
        HttpResponse<String> response = get(query);
        assertThat(response.statusCode()).as("status of " + query + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return ConfigMapper.json().readValue(response.body(), new TypeReference<>() {});
    }

    private void record(String routeId, int status, String consumerId) {
        telemetry.onExchangeCompleted(completed(routeId, status, Duration.ofMillis(2), "/items?page=1", consumerId));
    }

    @Test
    void newestComesFirst() throws Exception {
        record("orders", 200, null);
        record("users", 201, null);
        record("orders", 202, null);

        List<TrafficRecord> records = records("");

        assertThat(records).extracting(TrafficRecord::status).containsExactly(202, 201, 200);
    }

    @Test
    void recordCarriesTheSummaryFields() throws Exception {
        telemetry.onExchangeCompleted(completed("orders", 503, Duration.ofMillis(12), "/items?page=1", "acme"));

        TrafficRecord record = records("").getFirst();

        assertThat(record.routeId()).isEqualTo("orders");
        assertThat(record.method()).isEqualTo("GET");
        assertThat(record.path()).isEqualTo("/items?page=1");
        assertThat(record.latencyMillis()).isEqualTo(12.0);
        assertThat(record.upstreamLatencyMillis()).isEqualTo(6.0);
        assertThat(record.target()).isEqualTo("http://127.0.0.1:9/");
        assertThat(record.consumerId()).isEqualTo("acme");
        assertThat(record.credentialId()).isEqualTo("cred-acme");
        assertThat(record.requestId()).startsWith("req-");
        assertThat(record.at()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void filtersByRoute() throws Exception {
        record("orders", 200, null);
        record("users", 200, null);
        record(null, 404, null);

        assertThat(records("?route=users")).extracting(TrafficRecord::routeId).containsExactly("users");
        assertThat(records("?route=" + Telemetry.UNMATCHED_ROUTE)).extracting(TrafficRecord::status)
                .containsExactly(404);
        assertThat(records("?route=unknown")).isEmpty();
    }

    @Test
    void filtersByExactStatusAndClass() throws Exception {
        for (int status : new int[] {200, 404, 500, 503, 503}) {
            record("orders", status, null);
        }

        assertThat(records("?status=503")).extracting(TrafficRecord::status).containsExactly(503, 503);
        assertThat(records("?status=5xx")).extracting(TrafficRecord::status).containsExactly(503, 503, 500);
        assertThat(records("?status=4XX")).extracting(TrafficRecord::status).containsExactly(404);
    }

    @Test
    void filtersByConsumerAndCombines() throws Exception {
        record("orders", 200, "acme");
        record("orders", 500, "acme");
        record("orders", 500, "globex");
        record("users", 500, "acme");

        assertThat(records("?consumer=acme")).hasSize(3);
        assertThat(records("?consumer=acme&route=orders&status=5xx")).singleElement()
                .satisfies(record -> assertThat(record.status()).isEqualTo(500));
    }

    @Test
    void limitCutsNewestFirst() throws Exception {
        for (int i = 0; i < 20; i++) {
            record("orders", 200 + i, null);
        }

        assertThat(records("?limit=3")).extracting(TrafficRecord::status).containsExactly(219, 218, 217);
    }

    @Test
    void defaultLimitIsOneHundred() throws Exception {
        telemetry.updateRecentCapacity(150);
        for (int i = 0; i < 150; i++) {
            record("orders", 200, null);
        }

        assertThat(records("")).hasSize(RecentTrafficQuery.DEFAULT_LIMIT);
    }

    @Test
    void ringKeepsOnlyTheNewestPerRoute() throws Exception {
        for (int i = 0; i < 70; i++) {
            record("orders", 200, "consumer-" + i);
        }
        record("users", 200, null);

        List<TrafficRecord> orders = records("?route=orders&limit=1000");

        assertThat(orders).hasSize(50);
        assertThat(orders.getFirst().consumerId()).isEqualTo("consumer-69");
        assertThat(orders.getLast().consumerId()).isEqualTo("consumer-20");
        assertThat(records("?route=users")).hasSize(1);
    }

    @Test
    void capacityChangeKeepsNewestEntries() throws Exception {
        for (int i = 0; i < 10; i++) {
            record("orders", 200, "consumer-" + i);
        }

        telemetry.updateRecentCapacity(3);
        record("orders", 200, "consumer-10");

        assertThat(records("?route=orders")).extracting(TrafficRecord::consumerId)
                .containsExactly("consumer-10", "consumer-9", "consumer-8");
    }

    @Test
    void zeroCapacityKeepsNothing() throws Exception {
        telemetry.updateRecentCapacity(0);
        record("orders", 200, null);

        assertThat(records("")).isEmpty();
    }

    @Test
    void capacityOutsideRangeIsRejected() {
        assertThatThrownBy(() -> telemetry.updateRecentCapacity(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recentTrafficPerRoute is -1; it must be between 0 and 100000");
    }

    @Test
    void sensitiveQueryValueNeverAppears() throws Exception {
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1),
                "/items?page=1&api_key=s3cr3t-value&Signature=abc%2Bdef", null));

        HttpResponse<String> response = get("");

        assertThat(response.body()).doesNotContain("s3cr3t-value").doesNotContain("abc%2Bdef");
        assertThat(records("").getFirst().path()).isEqualTo("/items?page=1&api_key=REDACTED&Signature=REDACTED");
    }

    @Test
    void updatedSensitiveNamesApplyToNewRecords() throws Exception {
        telemetry.updateSensitiveQueryParameters(List.of("session"));
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1),
                "/items?SESSION=abc123&api_key=now-visible", null));

        assertThat(records("").getFirst().path()).isEqualTo("/items?SESSION=REDACTED&api_key=now-visible");
    }

    @Test
    void applyConfigTakesSettingsAndRoutes() throws Exception {
        GatewayConfig config = new GatewayConfig(new GatewaySettings(null, List.of("session"), 2), null,
                List.of(Route.of("orders", RouteMatch.ANY, "backend")));
        telemetry.applyConfig(config);
        for (int i = 0; i < 3; i++) {
            telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1), "/a?session=x" + i, null));
        }
        telemetry.onExchangeCompleted(completed("legacy", 200, Duration.ofMillis(1)));

        clock.advance(Duration.ofSeconds(1));
        telemetry.publishInterval();

        assertThat(records("?route=orders")).extracting(TrafficRecord::path)
                .containsExactly("/a?session=REDACTED", "/a?session=REDACTED");
        assertThat(records("?route=legacy")).as("a route missing from the config is dropped").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?limit=0", "?limit=1001", "?limit=ten", "?status=600", "?status=5x", "?status=abc",
        "?route=", "?route=a&route=b"})
    void invalidQueryIsRejected(String query) throws Exception {
        HttpResponse<String> response = get(query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        Problem problem = ConfigMapper.json().readValue(response.body(), Problem.class);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isNotBlank();
    }

    @Test
    void invalidLimitMessageNamesValueAndRule() throws Exception {
        Problem problem = ConfigMapper.json().readValue(get("?limit=5000").body(), Problem.class);

        assertThat(problem.detail()).isEqualTo("limit \"5000\" is invalid; use a whole number from 1 to 1000");
    }

    @Test
    void unknownParameterIsRejectedWithKnownNames() throws Exception {
        HttpResponse<String> response = get("?routeId=public");

        assertThat(response.statusCode()).isEqualTo(400);
        Problem problem = ConfigMapper.json().readValue(response.body(), Problem.class);
        assertThat(problem.detail()).isEqualTo(
                "unknown query parameter \"routeId\"; known parameters are route, status, consumer, limit");
    }
}
