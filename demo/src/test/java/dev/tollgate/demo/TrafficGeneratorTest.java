package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final List<TrafficGenerator.RequestKind> GET_ONLY =
            List.of(new TrafficGenerator.RequestKind(1, "GET", "/items/{n}", null));

    private SampleUpstreams upstreams;

    @BeforeEach
    void startServices() throws Exception {
        upstreams = SampleUpstreams.start(List.of(
                new SampleUpstreams.Spec("fast", 0, LatencyProfile.steady(0, 1)),
                new SampleUpstreams.Spec("slow", 0, LatencyProfile.steady(400, 500))), 3);
    }

    @AfterEach
    void stopServices() {
        upstreams.close();
    }

    private static TrafficGenerator.Settings settings(URI target, int requestsPerSecond, int maxInFlight, Duration maxRunTime, Clock clock) {
        return new TrafficGenerator.Settings(target, requestsPerSecond, maxInFlight, maxRunTime, GET_ONLY, new SplittableRandom(5), clock);
    }

    @Test
    void sendsRequestsThatComplete() throws Exception {
        try (TrafficGenerator generator = TrafficGenerator.start(
                settings(upstreams.uri("fast"), 100, 4, Duration.ofMinutes(5), Clock.systemUTC()))) {

            await().atMost(Duration.ofSeconds(10)).until(() -> generator.counts().completed() >= 20);

            assertThat(generator.counts().failed()).isZero();
        }
    }

    @Test
    void slowResponsesNeverExceedMaxInFlight() throws Exception {
        try (TrafficGenerator generator = TrafficGenerator.start(
                settings(upstreams.uri("slow"), 200, 2, Duration.ofMinutes(5), Clock.systemUTC()))) {

            await().atMost(Duration.ofSeconds(10)).until(() -> generator.counts().skipped() >= 50);

            TrafficGenerator.Counts counts = generator.counts();
            assertThat(counts.sent() - counts.completed() - counts.failed()).isBetween(0L, 2L);
        }
    }

    @Test
    void stopsByItselfAfterMaxRunTime() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TrafficGenerator generator = TrafficGenerator.start(
                settings(upstreams.uri("fast"), 100, 4, Duration.ofMinutes(30), clock))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> generator.counts().sent() >= 1);

            clock.advance(Duration.ofMinutes(31));

            await().atMost(Duration.ofSeconds(10)).until(() -> !generator.isRunning());
            long sentWhenStopped = generator.counts().sent();
            Thread.sleep(100);
            assertThat(generator.counts().sent()).isEqualTo(sentWhenStopped);
        }
    }

    @Test
    void zeroRunTimeSendsNothing() throws Exception {
        try (TrafficGenerator generator = TrafficGenerator.start(
                settings(upstreams.uri("fast"), 100, 4, Duration.ZERO, Clock.systemUTC()))) {

            await().atMost(Duration.ofSeconds(10)).until(() -> !generator.isRunning());

            assertThat(generator.counts().sent()).isZero();
        }
    }

    @Test
    void closeStopsSending() throws Exception {
        TrafficGenerator generator = TrafficGenerator.start(
                settings(upstreams.uri("fast"), 100, 4, Duration.ofMinutes(5), Clock.systemUTC()));
        await().atMost(Duration.ofSeconds(10)).until(() -> generator.counts().sent() >= 5);

        generator.close();

        assertThat(generator.isRunning()).isFalse();
        long sentAfterClose = generator.counts().sent();
        Thread.sleep(100);
        assertThat(generator.counts().sent()).isEqualTo(sentAfterClose);
    }

    @Test
    void nonLoopbackTargetIsRejected() {
        assertThatThrownBy(() -> settings(URI.create("http://192.0.2.10:8080"), 10, 1, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target host 192.0.2.10 is not a loopback address; the traffic generator only sends to this machine");
    }

    @Test
    void excessiveRateIsRejected() {
        assertThatThrownBy(() -> settings(upstreams.uri("fast"), 5_000, 1, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestsPerSecond must be between 1 and 1000, was 5000");
    }

    /** A clock that tests move forward by hand. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
