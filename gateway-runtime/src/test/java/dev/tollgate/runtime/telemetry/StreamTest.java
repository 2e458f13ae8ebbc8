package dev.tollgate.runtime.telemetry;

import static dev.tollgate.runtime.telemetry.Exchanges.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.StreamEvents;
import dev.tollgate.model.api.StreamReset;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.testing.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Telemetry telemetry;
    private TelemetryServer server;

    private void start(TelemetrySettings settings) throws Exception {
        telemetry = new Telemetry(settings, clock, scheduler, "node-1");
        server = new TelemetryServer(telemetry.endpoints());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        telemetry.close();
        server.close();
        scheduler.shutdownNow();
    }

    private SseTestClient subscribe(String lastEventId) throws Exception {
        SseTestClient client = new SseTestClient(server.uri(AdminPaths.STREAM), lastEventId);
        resources.add(client);
        return client;
    }

    private MetricsEvent nextInterval() {
        clock.advance(Duration.ofSeconds(1));
        return telemetry.publishInterval();
    }

    /** Waits until the hub lists {@code count} subscribers, so an event published next reaches all of them. */
    private void awaitSubscribers(int count) {
        await().atMost(WAIT).until(() -> telemetry.hub().subscriberCount() == count);
    }

    /**
     * Waits until the hub has dropped a client that closed its connection. The gateway notices a
     * closed connection only when it next writes to it, so this sends heartbeats while waiting.
     */
    private void awaitDisconnectNoticed(int remainingSubscribers) {
        await().atMost(WAIT).until(() -> {
            telemetry.hub().heartbeat();
            return telemetry.hub().subscriberCount() == remainingSubscribers;
        });
    }

    @Test
    void metricsEventsArriveWithIncreasingIds() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient client = subscribe(null);
        awaitSubscribers(1);
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(3)));

        nextInterval();
        nextInterval();
        nextInterval();

        await().atMost(WAIT).until(() -> client.events().size() == 3);
        List<SseTestClient.Event> events = client.events();
        assertThat(events).extracting(SseTestClient.Event::event).containsOnly(StreamEvents.METRICS);
        assertThat(events.get(1).idAsLong()).isEqualTo(events.get(0).idAsLong() + 1);
        assertThat(events.get(2).idAsLong()).isEqualTo(events.get(1).idAsLong() + 1);
        MetricsEvent first = ConfigMapper.json().readValue(events.get(0).data(), MetricsEvent.class);
        assertThat(first.routes()).singleElement().satisfies(route -> {
            assertThat(route.routeId()).isEqualTo("orders");
            assertThat(route.requestsPerSecond()).isEqualTo(1);
        });
    }

    @Test
    void streamResponseHasEventStreamHeaders() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient client = subscribe(null);

        assertThat(client.status()).isEqualTo(200);
        assertThat(client.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(client.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(client.header("X-Accel-Buffering")).isEqualTo("no");
    }

    @Test
    void configChangePublishesConfigEvent() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient client = subscribe(null);
        awaitSubscribers(1);

        telemetry.onConfigChanged(new ConfigEvent(clock.instant(), 12, "hash-12", "token-7", "rollback"));

        await().atMost(WAIT).until(() -> client.events(StreamEvents.CONFIG).size() == 1);
        ConfigEvent received = ConfigMapper.json().readValue(client.events(StreamEvents.CONFIG).getFirst().data(),
                ConfigEvent.class);
        assertThat(received.revision()).isEqualTo(12);
        assertThat(received.action()).isEqualTo("rollback");
        assertThat(nextInterval().configRevision()).isEqualTo(12);
    }

    @Test
    void resumeReplaysExactlyTheMissedEvents() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient first = subscribe(null);
        awaitSubscribers(1);
        nextInterval();
        nextInterval();
        await().atMost(WAIT).until(() -> first.events().size() == 2);
        String lastSeen = first.lastEventId();
        first.close();
        awaitDisconnectNoticed(0);

        long missedA = telemetry.publishEvent(StreamEvents.ALERT, Map.of("text", "missed a"));
        long missedB = nextIntervalId();
        SseTestClient resumed = subscribe(lastSeen);
        awaitSubscribers(1);
        long live = nextIntervalId();

        await().atMost(WAIT).until(() -> resumed.events().size() == 3);
        assertThat(resumed.events()).extracting(SseTestClient.Event::idAsLong).containsExactly(missedA, missedB, live);
        assertThat(resumed.events()).extracting(SseTestClient.Event::event)
                .containsExactly(StreamEvents.ALERT, StreamEvents.METRICS, StreamEvents.METRICS);
        assertThat(missedA).isEqualTo(Long.parseLong(lastSeen) + 1);
    }

    private long nextIntervalId() {
        nextInterval();
        return telemetry.hub().lastEventId();
    }

    @Test
    void resumeFromExpiredIdSendsReset() throws Exception {
        start(TelemetrySettings.DEFAULTS.withReplayEvents(3));
        SseTestClient first = subscribe(null);
        awaitSubscribers(1);
        nextInterval();
        await().atMost(WAIT).until(() -> first.events().size() == 1);
        String lastSeen = first.lastEventId();
        first.close();
        awaitDisconnectNoticed(0);
        for (int i = 0; i < 5; i++) {
            nextInterval();
        }

        SseTestClient resumed = subscribe(lastSeen);

        await().atMost(WAIT).until(() -> resumed.events().size() == 1);
        SseTestClient.Event reset = resumed.events().getFirst();
        assertThat(reset.event()).isEqualTo(StreamEvents.RESET);
        assertThat(reset.idAsLong()).isEqualTo(telemetry.hub().lastEventId());
        StreamReset data = ConfigMapper.json().readValue(reset.data(), StreamReset.class);
        assertThat(data.requestedLastEventId()).isEqualTo(Long.parseLong(lastSeen));
        assertThat(data.latestEventId()).isEqualTo(telemetry.hub().lastEventId());
    }

    @Test
    void resumeAtReplayEdgeReplaysAll() throws Exception {
        start(TelemetrySettings.DEFAULTS.withReplayEvents(3));
        nextInterval();
        long lastSeen = telemetry.hub().lastEventId();
        long first = nextIntervalId();
        nextInterval();
        long third = nextIntervalId();

        SseTestClient exactlyRetained = subscribe(Long.toString(lastSeen));
        SseTestClient oneTooOld = subscribe(Long.toString(lastSeen - 1));

        await().atMost(WAIT).until(() -> exactlyRetained.events().size() == 3 && !oneTooOld.events().isEmpty());
        assertThat(exactlyRetained.events()).extracting(SseTestClient.Event::idAsLong)
                .containsExactly(first, first + 1, third);
        assertThat(oneTooOld.events()).extracting(SseTestClient.Event::event).containsExactly(StreamEvents.RESET);
    }

    @Test
    void resumeFromUnknownIdSendsReset() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        nextInterval();

        SseTestClient fromFuture = subscribe(Long.toString(telemetry.hub().lastEventId() + 1_000));
        SseTestClient garbage = subscribe("not-a-number");

        await().atMost(WAIT).until(() -> fromFuture.events().size() == 1 && garbage.events().size() == 1);
        assertThat(fromFuture.events().getFirst().event()).isEqualTo(StreamEvents.RESET);
        assertThat(garbage.events().getFirst().event()).isEqualTo(StreamEvents.RESET);
        JsonNode garbageReset = ConfigMapper.json().readTree(garbage.events().getFirst().data());
        assertThat(garbageReset.get("requestedLastEventId").isNull()).isTrue();
    }

    @Test
    void resumeFromLatestIdReplaysNothing() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        nextInterval();
        long latest = telemetry.hub().lastEventId();

        SseTestClient resumed = subscribe(Long.toString(latest));
        awaitSubscribers(1);
        long next = nextIntervalId();

        await().atMost(WAIT).until(() -> !resumed.events().isEmpty());
        assertThat(resumed.events()).extracting(SseTestClient.Event::idAsLong).containsExactly(next);
    }

    @Test
    void manySubscribersReceiveEveryEvent() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        List<SseTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(subscribe(null));
        }
        awaitSubscribers(20);

        nextInterval();
        nextInterval();

        for (SseTestClient client : clients) {
            await().atMost(WAIT).until(() -> client.events().size() == 2);
        }
        List<Long> expectedIds = clients.getFirst().events().stream().map(SseTestClient.Event::idAsLong).toList();
        for (SseTestClient client : clients) {
            assertThat(client.events()).extracting(SseTestClient.Event::idAsLong).isEqualTo(expectedIds);
        }
    }

    @Test
    void subscribersBeyondTheLimitGet503() throws Exception {
        start(TelemetrySettings.DEFAULTS.withMaxSubscribers(2));
        subscribe(null);
        subscribe(null);
        awaitSubscribers(2);

        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(AdminPaths.STREAM)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        }
    }

    @Test
    void heartbeatIsSentAsComment() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient client = subscribe(null);
        awaitSubscribers(1);

        telemetry.hub().heartbeat();

        await().atMost(WAIT).until(() -> client.comments().contains("heartbeat"));
        assertThat(client.events()).isEmpty();
    }

    @Test
    void closingTelemetryEndsEveryStream() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient first = subscribe(null);
        SseTestClient second = subscribe(null);
        awaitSubscribers(2);
        nextInterval();

        telemetry.close();

        await().atMost(WAIT).until(() -> first.ended() && second.ended());
        assertThat(first.events()).hasSize(1);
        assertThat(telemetry.hub().subscriberCount()).isZero();
    }

    @Test
    void disconnectedClientIsRemoved() throws Exception {
        start(TelemetrySettings.DEFAULTS);
        SseTestClient client = subscribe(null);
        awaitSubscribers(1);

        client.close();
        awaitDisconnectNoticed(0);

        assertThat(telemetry.hub().slowConsumerDisconnects()).isZero();
    }

    @Test
    void slowSubscriberIsDisconnected() throws Exception {
        start(TelemetrySettings.DEFAULTS.withSubscriberQueueEvents(4));
        SseTestClient fast = subscribe(null);
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream requestOut = slow.getOutputStream();
            requestOut.write(("GET " + AdminPaths.STREAM + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            requestOut.flush();
            awaitSubscribers(2);

            String bulk = "x".repeat(64 * 1024);
            int published = 0;
            while (telemetry.hub().slowConsumerDisconnects() == 0) {
                long id = telemetry.publishEvent(StreamEvents.ALERT, Map.of("text", bulk));
                published++;
                await().atMost(WAIT).until(() -> id == idOrZero(fast.lastEventId()));
                assertThat(published).as("events published before the slow subscriber was cut").isLessThan(10_000);
            }

            for (int i = 0; i < 10_000; i++) {
                telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1)));
            }
            long afterCut = telemetry.publishEvent(StreamEvents.ALERT, Map.of("text", "still here"));

            await().atMost(WAIT).until(() -> afterCut == idOrZero(fast.lastEventId()));
            assertThat(telemetry.hub().subscriberCount()).isEqualTo(1);
            assertThat(nextInterval().routes().getFirst().requestsPerSecond()).isEqualTo(10_000);
            assertThat(readUntilClosed(slow)).as("the slow subscriber's connection was closed").isTrue();
        }
    }

    private static long idOrZero(String id) {
        return id == null ? 0 : Long.parseLong(id);
    }

    /** Drains the socket and returns true when the server closed it within the wait. */
    private static boolean readUntilClosed(Socket socket) throws Exception {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // Discard what was buffered before the server closed the connection.
            }
            return true;
        } catch (java.net.SocketTimeoutException timedOut) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
