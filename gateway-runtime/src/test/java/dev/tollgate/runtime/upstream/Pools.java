package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.CircuitBreakerSettings;
import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.model.config.RetrySettings;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builders for upstream configs and pools in tests. */
final class Pools {

    /** Passive health and breaker settings high enough that neither interferes with a balancer test. */
    static final PassiveHealth NEVER_EJECT = new PassiveHealth(1000, 1L);
    static final CircuitBreakerSettings NEVER_OPEN = new CircuitBreakerSettings(10_000, 1L, 1);

    private Pools() {
    }

    static Upstream upstream(Balancer balancer, String hashOn, int... weights) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            targets.add(new Target(url(i), weights[i]));
        }
        return new Upstream("backend", targets, balancer, hashOn, null, null, null, NEVER_EJECT, null, NEVER_OPEN, null);
    }

    static Upstream with(Upstream base, PassiveHealth passiveHealth, CircuitBreakerSettings breaker) {
        return new Upstream(base.id(), base.targets(), base.balancer(), base.hashOn(), null, null, null,
                passiveHealth, base.healthCheck(), breaker, base.retry());
    }

    static Upstream withHealthCheck(Upstream base, ActiveHealthCheck healthCheck) {
        return new Upstream(base.id(), base.targets(), base.balancer(), base.hashOn(), null, null, null,
                base.passiveHealth(), healthCheck, base.circuitBreaker(), base.retry());
    }

    static Upstream withRetry(Upstream base, RetrySettings retry) {
        return new Upstream(base.id(), base.targets(), base.balancer(), base.hashOn(), null, null, null,
                base.passiveHealth(), base.healthCheck(), base.circuitBreaker(), retry);
    }

    /** Returns the URL of the {@code index}-th test target; nothing listens there. */
    static String url(int index) {
        return "http://127.0.0.1:" + (9001 + index);
    }

    /** Returns an environment whose probe always fails, for pools without active health checks. */
    static UpstreamEnvironment environment(Clock clock, ScheduledExecutorService scheduler) {
        return new UpstreamEnvironment(clock, scheduler,
                (uri, timeout) -> CompletableFuture.failedFuture(new IllegalStateException("no probes in this test")));
    }

    static ScheduledExecutorService scheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "test-upstream-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    static TargetHandle byUrl(UpstreamPool pool, String url) {
        return pool.targets().stream().filter(target -> target.url().equals(url)).findFirst().orElseThrow();
    }

    /** Picks and immediately ends {@code count} requests with {@code outcome}, counting picks per URL. */
    static Map<String, Integer> pickAndEnd(UpstreamPool pool, int count, Outcome outcome) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            TargetHandle target = pool.pick(PickContext.NONE, Set.of());
            String key = target == null ? "none" : target.url();
            counts.merge(key, 1, Integer::sum);
            if (target != null) {
                target.onRequestStart();
                target.onRequestEnd(outcome, 1_000);
            }
        }
        return counts;
    }

    /** Reports one finished request with {@code outcome} on {@code target}, as the proxy would. */
    static void complete(TargetHandle target, Outcome outcome) {
        target.onRequestStart();
        target.onRequestEnd(outcome, 1_000);
    }

    /** Returns a context with one header value and a client address. */
    static PickContext context(String headerName, String headerValue, String clientAddress) {
        return new PickContext() {
            @Override
            public String header(String name) {
                return name.equalsIgnoreCase(headerName) ? headerValue : null;
            }

            @Override
            public String clientAddress() {
                return clientAddress;
            }
        };
    }
}
