package dev.tollgate.runtime.upstream;

import static dev.tollgate.runtime.upstream.Pools.complete;
import static dev.tollgate.runtime.upstream.Pools.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.CircuitBreakerSettings;
import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.model.config.RetrySettings;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.runtime.testing.MutableClock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {

    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Pools.scheduler();
    private final UpstreamEnvironment environment = Pools.environment(clock, scheduler);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static Upstream twoTargets() {
        return Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1),
                new PassiveHealth(2, 60_000L), new CircuitBreakerSettings(3, 60_000L, 1));
    }

    @Test
    void statusListsTargetsInConfigOrder() {
        UpstreamPool pool = UpstreamPool.create(Pools.upstream(Balancer.ROUND_ROBIN, null, 3, 0, 1), environment);

        assertThat(pool.status()).containsExactly(
                new TargetStatus(url(0), 3, true, BreakerState.CLOSED, 0, 0),
                new TargetStatus(url(1), 0, true, BreakerState.CLOSED, 0, 0),
                new TargetStatus(url(2), 1, true, BreakerState.CLOSED, 0, 0));
        assertThat(pool.id()).isEqualTo("backend");
    }

    @Test
    void targetAddressIsParsed() {
        Upstream config = Upstream.of("backend", List.of(
                Target.of("http://backend.internal"), Target.of("https://10.1.2.3"), Target.of("HTTP://[::1]:8080")));
        UpstreamPool pool = UpstreamPool.create(config, environment);

        List<TargetHandle> targets = pool.targets();

        assertThat(targets).extracting(TargetHandle::scheme).containsExactly("http", "https", "http");
        assertThat(targets).extracting(TargetHandle::host).containsExactly("backend.internal", "10.1.2.3", "[::1]");
        assertThat(targets).extracting(TargetHandle::port).containsExactly(80, 443, 8080);
    }

    @Test
    void createRejectsUpstreamWithoutTargets() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpstreamPool.create(Upstream.of("backend", List.of()), environment))
                .withMessage("upstream backend has no targets; list at least one");
    }

    @Test
    void createRejectsUpstreamWithOnlyZeroWeights() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpstreamPool.create(Pools.upstream(Balancer.ROUND_ROBIN, null, 0, 0), environment))
                .withMessage("upstream backend: at least one target needs a weight above 0");
    }

    @Test
    void createRejectsNonHttpTargetUrl() {
        Upstream config = Upstream.of("backend", List.of(Target.of("ftp://127.0.0.1:21")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpstreamPool.create(config, environment))
                .withMessage("upstream backend: target url \"ftp://127.0.0.1:21\" must start with http:// or https://");
    }

    @Test
    void createRejectsTargetUrlWithoutHost() {
        Upstream config = Upstream.of("backend", List.of(Target.of("http:///path")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpstreamPool.create(config, environment))
                .withMessage("upstream backend: target url \"http:///path\" has no host; use the form http://host:port");
    }

    @Test
    void createRejectsConsistentHashWithoutHashOn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpstreamPool.create(Pools.upstream(Balancer.CONSISTENT_HASH, null, 1), environment))
                .withMessage("consistent-hash balancer needs hashOn: a header name or \"client-address\"");
    }

    @Test
    void reconfigureWithEqualConfigReturnsSamePool() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);

        UpstreamPool same = pool.reconfigure(twoTargets());

        assertThat(same).isSameAs(pool);
    }

    @Test
    void reconfigureCarriesBreakerAndEjectionOfKeptTargets() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);
        TargetHandle failing = Pools.byUrl(pool, url(0));
        complete(failing, Outcome.SERVER_ERROR);
        complete(failing, Outcome.SERVER_ERROR);
        complete(failing, Outcome.SERVER_ERROR);
        Upstream changed = twoTargets().withTargets(List.of(new Target(url(0), 5), Target.of(url(1)), Target.of(url(2))));

        UpstreamPool next = pool.reconfigure(changed);

        assertThat(next).isNotSameAs(pool);
        assertThat(next.status()).containsExactly(
                new TargetStatus(url(0), 5, false, BreakerState.OPEN, 0, 3),
                new TargetStatus(url(1), 1, true, BreakerState.CLOSED, 0, 0),
                new TargetStatus(url(2), 1, true, BreakerState.CLOSED, 0, 0));
        assertThat(Pools.pickAndEnd(next, 10, Outcome.SUCCESS)).doesNotContainKey(url(0));
    }

    @Test
    void oldPoolRequestEndsOnNewCounters() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);
        TargetHandle oldHandle = Pools.byUrl(pool, url(1));
        oldHandle.onRequestStart();

        UpstreamPool next = pool.reconfigure(twoTargets().withId("renamed"));
        assertThat(next.status().get(1).inFlight()).isEqualTo(1);

        oldHandle.onRequestEnd(Outcome.SUCCESS, 1_000);
        assertThat(next.status().get(1).inFlight()).isZero();
    }

    @Test
    void removedTargetStartsFreshWhenAddedBack() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);
        TargetHandle failing = Pools.byUrl(pool, url(0));
        complete(failing, Outcome.SERVER_ERROR);
        complete(failing, Outcome.SERVER_ERROR);

        UpstreamPool without = pool.reconfigure(twoTargets().withTargets(List.of(Target.of(url(1)))));
        UpstreamPool withAgain = without.reconfigure(twoTargets());

        assertThat(withAgain.status().get(0)).isEqualTo(new TargetStatus(url(0), 1, true, BreakerState.CLOSED, 0, 0));
    }

    @Test
    void reconfigureKeepsRetryBudgetHistory() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);
        while (pool.retryPolicy().tryAcquireRetry()) {
            // spend the floor
        }

        UpstreamPool next = pool.reconfigure(Pools.withRetry(twoTargets(), new RetrySettings(3, 10L, 50)));

        assertThat(next.retryPolicy().maxRetries()).isEqualTo(3);
        assertThat(next.retryPolicy().tryAcquireRetry()).isFalse();
    }

    @Test
    void droppedHealthCheckForgetsUnhealthyVerdict() {
        Upstream checked = Pools.withHealthCheck(twoTargets(), new ActiveHealthCheck("/healthz", null, null, null, null));
        UpstreamPool pool = UpstreamPool.create(checked, environment);
        ((UpstreamTarget) Pools.byUrl(pool, url(0))).state().activeHealthy = false;
        assertThat(pool.status().get(0).healthy()).isFalse();

        UpstreamPool unchecked = pool.reconfigure(twoTargets());
        assertThat(unchecked.status().get(0).healthy()).isTrue();
        assertThat(pool.status().get(0).healthy()).as("old pool until it is closed").isFalse();

        UpstreamPool checkedAgain = unchecked.reconfigure(checked);
        assertThat(checkedAgain.status().get(0).healthy()).isTrue();
    }

    @Test
    void keptHealthCheckKeepsUnhealthyVerdict() {
        Upstream checked = Pools.withHealthCheck(twoTargets(), new ActiveHealthCheck("/healthz", null, null, null, null));
        UpstreamPool pool = UpstreamPool.create(checked, environment);
        ((UpstreamTarget) Pools.byUrl(pool, url(0))).state().activeHealthy = false;

        UpstreamPool next = pool.reconfigure(checked.withId("renamed"));

        assertThat(next.status().get(0).healthy()).isFalse();
    }

    @Test
    void handlesOfDifferentPoolsAreDistinct() {
        UpstreamPool pool = UpstreamPool.create(twoTargets(), environment);
        UpstreamPool next = pool.reconfigure(twoTargets().withId("renamed"));

        assertThat(Pools.byUrl(next, url(0))).isNotSameAs(Pools.byUrl(pool, url(0)));
    }
}
