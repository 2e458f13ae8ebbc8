package dev.tollgate.runtime.upstream;

import static dev.tollgate.runtime.upstream.Pools.complete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.CircuitBreakerSettings;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long OPEN_MILLIS = 10_000;

    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Pools.scheduler();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** Creates a one-target pool whose passive health never ejects, so only the breaker decides. */
    private UpstreamPool pool(int failureThreshold, int halfOpenRequests) {
        return UpstreamPool.create(
                Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1), Pools.NEVER_EJECT,
                        new CircuitBreakerSettings(failureThreshold, OPEN_MILLIS, halfOpenRequests)),
                Pools.environment(clock, scheduler));
    }

    private static BreakerState breaker(UpstreamPool pool) {
        return pool.status().getFirst().breaker();
    }

    private static TargetHandle pick(UpstreamPool pool) {
        return pool.pick(PickContext.NONE, Set.of());
    }

    private UpstreamPool openPool(int halfOpenRequests) {
        UpstreamPool pool = pool(3, halfOpenRequests);
        for (int i = 0; i < 3; i++) {
            complete(pick(pool), Outcome.SERVER_ERROR);
        }
        assertThat(breaker(pool)).isEqualTo(BreakerState.OPEN);
        return pool;
    }

    @Test
    void closedBreakerStaysClosedBelowThreshold() {
        UpstreamPool pool = pool(3, 1);

        complete(pick(pool), Outcome.CONNECT_FAILURE);
        complete(pick(pool), Outcome.TIMEOUT);

        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
        assertThat(pick(pool)).isNotNull();
    }

    @Test
    void consecutiveFailuresOpenBreaker() {
        UpstreamPool pool = pool(3, 1);

        complete(pick(pool), Outcome.CONNECT_FAILURE);
        complete(pick(pool), Outcome.TIMEOUT);
        complete(pick(pool), Outcome.SERVER_ERROR);

        assertThat(breaker(pool)).isEqualTo(BreakerState.OPEN);
        assertThat(pick(pool)).isNull();
    }

    @Test
    void successResetsFailuresWhileClosed() {
        UpstreamPool pool = pool(3, 1);

        complete(pick(pool), Outcome.SERVER_ERROR);
        complete(pick(pool), Outcome.SERVER_ERROR);
        complete(pick(pool), Outcome.SUCCESS);
        complete(pick(pool), Outcome.SERVER_ERROR);
        complete(pick(pool), Outcome.SERVER_ERROR);

        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void clientAbortDoesNotCountAsFailure() {
        UpstreamPool pool = pool(1, 1);

        complete(pick(pool), Outcome.CLIENT_ABORTED);

        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void openBreakerRejectsUntilOpenPeriodPassed() {
        UpstreamPool pool = openPool(1);

        clock.advance(Duration.ofMillis(OPEN_MILLIS - 1));
        assertThat(pick(pool)).isNull();
        assertThat(breaker(pool)).isEqualTo(BreakerState.OPEN);

        clock.advance(Duration.ofMillis(1));
        assertThat(pick(pool)).isNotNull();
        assertThat(breaker(pool)).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void halfOpenAdmitsOnlyTrialRequests() {
        UpstreamPool pool = openPool(2);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));

        TargetHandle trial1 = pick(pool);
        TargetHandle trial2 = pick(pool);
        TargetHandle third = pick(pool);

        assertThat(trial1).isNotNull();
        assertThat(trial2).isNotNull();
        assertThat(third).isNull();
    }

    @Test
    void allTrialsSucceedingCloseBreaker() {
        UpstreamPool pool = openPool(2);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        TargetHandle trial1 = pick(pool);
        TargetHandle trial2 = pick(pool);

        complete(trial1, Outcome.SUCCESS);
        assertThat(breaker(pool)).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(pick(pool)).as("no third trial while two are counted").isNull();

        complete(trial2, Outcome.SUCCESS);
        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
        assertThat(pick(pool)).isNotNull();
    }

    @Test
    void failingTrialReopensBreaker() {
        UpstreamPool pool = openPool(2);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        TargetHandle trial1 = pick(pool);
        TargetHandle trial2 = pick(pool);

        complete(trial1, Outcome.SUCCESS);
        complete(trial2, Outcome.TIMEOUT);

        assertThat(breaker(pool)).isEqualTo(BreakerState.OPEN);
        assertThat(pick(pool)).isNull();
    }

    @Test
    void reopenedBreakerWaitsFullOpenPeriodAgain() {
        UpstreamPool pool = openPool(1);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        complete(pick(pool), Outcome.CONNECT_FAILURE);

        clock.advance(Duration.ofMillis(OPEN_MILLIS - 1));
        assertThat(pick(pool)).isNull();

        clock.advance(Duration.ofMillis(1));
        assertThat(pick(pool)).isNotNull();
    }

    @Test
    void abortedTrialReturnsPermit() {
        UpstreamPool pool = openPool(1);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        TargetHandle trial = pick(pool);
        assertThat(pick(pool)).isNull();

        complete(trial, Outcome.CLIENT_ABORTED);

        assertThat(breaker(pool)).isEqualTo(BreakerState.HALF_OPEN);
        TargetHandle retrial = pick(pool);
        assertThat(retrial).isNotNull();
        complete(retrial, Outcome.SUCCESS);
        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void unreportedTrialIsReplacedAfterOpenPeriod() {
        UpstreamPool pool = openPool(1);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        TargetHandle lostTrial = pick(pool);
        assertThat(lostTrial).isNotNull();

        clock.advance(Duration.ofMillis(OPEN_MILLIS - 1));
        assertThat(pick(pool)).isNull();

        clock.advance(Duration.ofMillis(1));
        TargetHandle newTrial = pick(pool);
        assertThat(newTrial).isNotNull();
        assertThat(pick(pool)).isNull();
        complete(newTrial, Outcome.SUCCESS);
        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void closedBreakerNeedsFullThresholdAgain() {
        UpstreamPool pool = openPool(1);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        complete(pick(pool), Outcome.SUCCESS);

        complete(pick(pool), Outcome.SERVER_ERROR);
        complete(pick(pool), Outcome.SERVER_ERROR);

        assertThat(breaker(pool)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void openBreakerSendsTrafficToOtherTarget() {
        UpstreamPool pool = UpstreamPool.create(
                Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1), Pools.NEVER_EJECT,
                        new CircuitBreakerSettings(2, OPEN_MILLIS, 1)),
                Pools.environment(clock, scheduler));
        TargetHandle failing = Pools.byUrl(pool, Pools.url(0));
        complete(failing, Outcome.SERVER_ERROR);
        complete(failing, Outcome.SERVER_ERROR);

        assertThat(Pools.pickAndEnd(pool, 10, Outcome.SUCCESS)).containsOnlyKeys(Pools.url(1));
        assertThat(pool.status()).extracting(TargetStatus::breaker)
                .containsExactly(BreakerState.OPEN, BreakerState.CLOSED);
    }

    @Test
    void concurrentPicksTakeExactlyTheTrialPermits() throws Exception {
        int trialRequests = 5;
        int threads = 8;
        UpstreamPool pool = openPool(trialRequests);
        clock.advance(Duration.ofMillis(OPEN_MILLIS));
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> admittedPerThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admittedPerThread.add(executor.submit(() -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < 1_000; i++) {
                        if (pick(pool) != null) {
                            admitted++;
                        }
                    }
                    return admitted;
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Integer> future : admittedPerThread) {
                admitted += future.get();
            }

            assertThat(admitted).isEqualTo(trialRequests);
        } finally {
            executor.shutdownNow();
        }
    }
}
