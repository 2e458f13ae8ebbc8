package dev.tollgate.runtime.upstream;

import static dev.tollgate.runtime.upstream.Pools.complete;
import static dev.tollgate.runtime.upstream.Pools.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PassiveHealthTest {

    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Pools.scheduler();
    private UpstreamPool pool;
    private TargetHandle first;
    private TargetHandle second;

    @BeforeEach
    void createPool() {
        pool = UpstreamPool.create(
                Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1), new PassiveHealth(3, 30_000L), Pools.NEVER_OPEN),
                Pools.environment(clock, scheduler));
        first = Pools.byUrl(pool, url(0));
        second = Pools.byUrl(pool, url(1));
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private Map<String, Integer> pickCounts(int picks) {
        return Pools.pickAndEnd(pool, picks, Outcome.SUCCESS);
    }

    @Test
    void targetStaysBelowFailureThreshold() {
        complete(first, Outcome.SERVER_ERROR);
        complete(first, Outcome.SERVER_ERROR);

        assertThat(pool.status().get(0).healthy()).isTrue();
        assertThat(pool.status().get(0).consecutiveFailures()).isEqualTo(2);
        assertThat(pickCounts(10)).containsEntry(url(0), 5);
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"CONNECT_FAILURE", "TIMEOUT", "SERVER_ERROR"})
    void consecutiveFailuresEjectTarget(Outcome failure) {
        complete(first, failure);
        complete(first, failure);
        complete(first, failure);

        assertThat(pool.status().get(0).healthy()).isFalse();
        assertThat(pickCounts(10)).containsOnlyKeys(url(1));
    }

    @Test
    void successResetsFailureCount() {
        complete(first, Outcome.TIMEOUT);
        complete(first, Outcome.TIMEOUT);
        complete(first, Outcome.SUCCESS);
        complete(first, Outcome.TIMEOUT);
        complete(first, Outcome.TIMEOUT);

        assertThat(pool.status().get(0).healthy()).isTrue();
        assertThat(pool.status().get(0).consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void clientAbortNeitherCountsNorResets() {
        complete(first, Outcome.CONNECT_FAILURE);
        complete(first, Outcome.CONNECT_FAILURE);
        complete(first, Outcome.CLIENT_ABORTED);
        complete(first, Outcome.CLIENT_ABORTED);

        assertThat(pool.status().get(0).consecutiveFailures()).isEqualTo(2);
        assertThat(pool.status().get(0).healthy()).isTrue();

        complete(first, Outcome.CONNECT_FAILURE);

        assertThat(pool.status().get(0).healthy()).isFalse();
    }

    @Test
    void ejectedTargetReturnsAfterCooldown() {
        complete(first, Outcome.SERVER_ERROR);
        complete(first, Outcome.SERVER_ERROR);
        complete(first, Outcome.SERVER_ERROR);

        clock.advance(Duration.ofMillis(29_999));
        assertThat(pickCounts(6)).containsOnlyKeys(url(1));

        clock.advance(Duration.ofMillis(1));
        assertThat(pool.status().get(0).healthy()).isTrue();
        assertThat(pickCounts(6)).containsEntry(url(0), 3).containsEntry(url(1), 3);
    }

    @Test
    void readmittedTargetNeedsFullThresholdAgain() {
        for (int i = 0; i < 3; i++) {
            complete(first, Outcome.SERVER_ERROR);
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(pool.status().get(0).healthy()).isTrue();

        complete(first, Outcome.SERVER_ERROR);
        complete(first, Outcome.SERVER_ERROR);
        assertThat(pool.status().get(0).healthy()).isTrue();

        complete(first, Outcome.SERVER_ERROR);
        assertThat(pool.status().get(0).healthy()).isFalse();
    }

    @Test
    void inFlightRequestsAreCounted() {
        first.onRequestStart();
        first.onRequestStart();
        second.onRequestStart();

        assertThat(pool.status()).extracting(TargetStatus::inFlight).containsExactly(2, 1);

        first.onRequestEnd(Outcome.SUCCESS, 10);
        assertThat(pool.status()).extracting(TargetStatus::inFlight).containsExactly(1, 1);
    }

    @Test
    void lastCandidatePickedDespiteEjection() {
        for (int i = 0; i < 3; i++) {
            complete(second, Outcome.CONNECT_FAILURE);
        }

        // The first target is excluded by the exchange and the second is ejected; the exchange
        // still gets the second target rather than nothing (panic mode).
        TargetHandle picked = pool.pick(PickContext.NONE, Set.of(first));

        assertThat(picked).isSameAs(second);
        assertThat(pool.inPanicMode()).isTrue();
    }
}
