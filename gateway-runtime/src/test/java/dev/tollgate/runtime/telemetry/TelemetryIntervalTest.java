package dev.tollgate.runtime.telemetry;

import static dev.tollgate.runtime.telemetry.Exchanges.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryIntervalTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS, clock, scheduler, "node-1");

    @AfterEach
    void stop() {
        telemetry.close();
        scheduler.shutdownNow();
    }

    private MetricsEvent nextInterval() {
        clock.advance(Duration.ofSeconds(1));
        return telemetry.publishInterval();
    }

    private static RouteMetrics route(MetricsEvent event, String routeId) {
        return event.routes().stream().filter(r -> r.routeId().equals(routeId)).findFirst().orElseThrow();
    }

    @Test
    void percentilesComeFromKnownLatencies() {
        for (int millis = 1; millis <= 100; millis++) {
            telemetry.onExchangeStarted("orders");
            telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(millis)));
        }

        RouteMetrics orders = route(nextInterval(), "orders");

        assertThat(orders.p50Millis()).isCloseTo(50, within(0.1));
        assertThat(orders.p95Millis()).isCloseTo(95, within(0.1));
        assertThat(orders.p99Millis()).isCloseTo(99, within(0.1));
        assertThat(orders.maxMillis()).isCloseTo(100, within(0.1));
        assertThat(orders.requestsPerSecond()).isEqualTo(100);
    }

    @Test
    void requestsPerSecondUsesElapsedClockTime() {
        for (int i = 0; i < 30; i++) {
            telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(2)));
        }
        clock.advance(Duration.ofSeconds(3));

        MetricsEvent event = telemetry.publishInterval();

        assertThat(event.intervalMillis()).isEqualTo(3_000);
        assertThat(route(event, "orders").requestsPerSecond()).isEqualTo(10);
    }

    @Test
    void clockSteppedBackUsesScheduledPeriod() {
        for (int i = 0; i < 5; i++) {
            telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(2)));
        }
        clock.advance(Duration.ofMinutes(-10));

        MetricsEvent event = telemetry.publishInterval();

        assertThat(event.intervalMillis()).isEqualTo(TelemetrySettings.DEFAULTS.intervalMillis());
        assertThat(route(event, "orders").requestsPerSecond()).isEqualTo(5);
    }

    @Test
    void statusesCountByClassPerRoute() {
        int[] statuses = {101, 200, 201, 204, 301, 304, 400, 404, 429, 500, 502, 503, 503};
        for (int status : statuses) {
            telemetry.onExchangeCompleted(completed("orders", status, Duration.ofMillis(1)));
        }
        telemetry.onExchangeCompleted(completed("users", 200, Duration.ofMillis(1)));

        MetricsEvent event = nextInterval();

        assertThat(route(event, "orders").statuses()).isEqualTo(new StatusCounts(1, 3, 2, 3, 4));
        assertThat(route(event, "orders").rateLimited()).isEqualTo(1);
        assertThat(route(event, "users").statuses()).isEqualTo(new StatusCounts(0, 1, 0, 0, 0));
        assertThat(event.totals().statuses()).isEqualTo(new StatusCounts(1, 4, 2, 3, 4));
        assertThat(event.totals().routeId()).isEqualTo(Telemetry.TOTALS_ROUTE);
    }

    @Test
    void eachIntervalCountsOnlyItsOwnExchanges() {
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1)));
        nextInterval();
        telemetry.onExchangeCompleted(completed("orders", 500, Duration.ofMillis(7)));

        RouteMetrics orders = route(nextInterval(), "orders");

        assertThat(orders.statuses()).isEqualTo(new StatusCounts(0, 0, 0, 0, 1));
        assertThat(orders.maxMillis()).isCloseTo(7, within(0.01));
        assertThat(route(nextInterval(), "orders").requestsPerSecond()).isZero();
    }

    @Test
    void unmatchedExchangesCountSeparatelyAndInTotals() {
        telemetry.onExchangeCompleted(completed(null, 404, Duration.ofMillis(1)));
        telemetry.onExchangeCompleted(completed(null, 404, Duration.ofMillis(1)));
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1)));

        MetricsEvent event = nextInterval();

        assertThat(event.unmatched()).isEqualTo(2);
        assertThat(event.routes()).extracting(RouteMetrics::routeId).containsExactly("orders");
        assertThat(event.totals().requestsPerSecond()).isEqualTo(3);
        assertThat(event.totals().statuses().clientError()).isEqualTo(2);
    }

    @Test
    void inFlightIsStartedMinusCompleted() {
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1)));

        MetricsEvent event = nextInterval();

        assertThat(route(event, "orders").inFlight()).isEqualTo(2);
        assertThat(event.totals().inFlight()).isEqualTo(2);
    }

    @Test
    void latencyAboveSixtySecondsIsClampedNotRejected() {
        telemetry.onExchangeCompleted(completed("stream", 200, Duration.ofMinutes(5)));

        RouteMetrics stream = route(nextInterval(), "stream");

        assertThat(stream.maxMillis()).isCloseTo(60_000, within(60.0));
    }

    @Test
    void eventCarriesNodeAndConfigRevision() {
        telemetry.onConfigChanged(new ConfigEvent(clock.instant(), 42, "abc", "token-1", "replace"));

        MetricsEvent event = nextInterval();

        assertThat(event.nodeId()).isEqualTo("node-1");
        assertThat(event.configRevision()).isEqualTo(42);
        assertThat(event.at()).isEqualTo(clock.instant());
    }

    @Test
    void removedRouteIsDroppedAfterItsNextInterval() {
        telemetry.updateRoutes(List.of("orders", "users"));
        telemetry.onExchangeCompleted(completed("orders", 200, Duration.ofMillis(1)));
        telemetry.onExchangeCompleted(completed("users", 200, Duration.ofMillis(1)));
        nextInterval();

        telemetry.updateRoutes(List.of("orders"));
        telemetry.onExchangeCompleted(completed("users", 200, Duration.ofMillis(1)));
        MetricsEvent lastWithUsers = nextInterval();
        MetricsEvent afterRemoval = nextInterval();

        assertThat(route(lastWithUsers, "users").requestsPerSecond()).isEqualTo(1);
        assertThat(afterRemoval.routes()).extracting(RouteMetrics::routeId).containsExactly("orders");
    }

    @Test
    void removedRouteWithExchangesInFlightIsKept() {
        telemetry.updateRoutes(List.of("orders"));
        telemetry.onExchangeStarted("legacy");

        nextInterval();
        MetricsEvent event = nextInterval();

        assertThat(route(event, "legacy").inFlight()).isEqualTo(1);
    }

    @Test
    void routesBeyondTheLimitShareTheOverflowSeries() {
        telemetry.close();
        telemetry = new Telemetry(TelemetrySettings.DEFAULTS.withMaxTrackedRoutes(2), clock, scheduler, "node-1");
        for (String route : List.of("a", "b", "c", "d")) {
            telemetry.onExchangeStarted(route);
            telemetry.onExchangeCompleted(completed(route, 200, Duration.ofMillis(1)));
        }

        MetricsEvent event = nextInterval();

        assertThat(event.routes()).extracting(RouteMetrics::routeId)
                .containsExactly("a", "b", Telemetry.OVERFLOW_ROUTE);
        assertThat(route(event, Telemetry.OVERFLOW_ROUTE).requestsPerSecond()).isEqualTo(2);
        assertThat(route(event, Telemetry.OVERFLOW_ROUTE).inFlight()).isZero();
    }

    @Test
    void concurrentRecordingLosesNothingAcrossIntervals() throws Exception {
        int threads = 4;
        int exchangesPerThread = 20_000;
        CompletedExchange exchange = completed("orders", 200, Duration.ofMillis(1));
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            recorders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < exchangesPerThread; i++) {
                    telemetry.onExchangeStarted("orders");
                    telemetry.onExchangeCompleted(exchange);
                }
            }));
        }

        long counted = 0;
        long successes = 0;
        while (recorders.stream().anyMatch(Thread::isAlive)) {
            RouteMetrics orders = nextInterval().routes().stream().findFirst().orElse(null);
            if (orders != null) {
                counted += Math.round(orders.requestsPerSecond());
                successes += orders.statuses().success();
            }
        }
        for (Thread recorder : recorders) {
            recorder.join();
        }
        RouteMetrics last = route(nextInterval(), "orders");
        counted += Math.round(last.requestsPerSecond());
        successes += last.statuses().success();

        assertThat(counted).isEqualTo((long) threads * exchangesPerThread);
        assertThat(successes).isEqualTo((long) threads * exchangesPerThread);
        assertThat(last.inFlight()).isZero();
    }

    @Test
    void totalsMergeLatenciesOfAllRoutes() {
        for (int i = 0; i < 99; i++) {
            telemetry.onExchangeCompleted(completed("fast", 200, Duration.ofMillis(1)));
        }
        telemetry.onExchangeCompleted(completed("slow", 200, Duration.ofMillis(900)));

        MetricsEvent event = nextInterval();

        assertThat(event.totals().p50Millis()).isCloseTo(1, within(0.01));
        assertThat(event.totals().maxMillis()).isCloseTo(900, within(1.0));
        assertThat(event.totals().requestsPerSecond()).isEqualTo(100);
    }
}
