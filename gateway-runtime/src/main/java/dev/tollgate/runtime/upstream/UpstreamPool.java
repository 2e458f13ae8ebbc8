package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.CircuitBreakerSettings;
import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets of one upstream with their balancer, health, circuit breakers and retry policy.
 *
 * <h2>Choosing a target</h2>
 * {@link #pick} has the configured balancer choose a target that has a weight above 0, is not in
 * the exchange's exclusions, is healthy (not ejected by passive health, not marked unhealthy by
 * active checks) and whose circuit breaker admits a request, and then takes admission from that
 * breaker. Picking takes no lock; the weighted round robin cycle is rebuilt, with allocation, only
 * when the set of eligible targets changes.
 *
 * <h2>Panic mode</h2>
 * When no candidate is healthy, {@code pick} ignores health and balances over all candidates.
 * Envoy does the same once the healthy share of a cluster falls below its panic threshold, which
 * its load-balancing documentation gives as 50% by default. Here it happens only at 0%. Health
 * verdicts can be wrong for every target at once, for example when a shared dependency fails the
 * health endpoint or a burst of 5xx ejects the only target. Sending traffic then loses little,
 * because a target that is really down fails fast with a connection error. Circuit breakers are
 * not bypassed, so an upstream whose breakers are all open still gets no traffic and {@code pick}
 * returns null. Entering and leaving panic mode is logged once each.
 *
 * <h2>Reloads</h2>
 * {@link #reconfigure} builds the pool for a new config and carries over the state of each target
 * whose URL is unchanged. The caller starts the new pool and closes the old one, unless
 * {@code reconfigure} returned the old pool itself.
 */
public final class UpstreamPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPool.class);

    private final Upstream config;
    private final UpstreamEnvironment environment;
    private final Clock clock;
    private final UpstreamTarget[] targets;
    private final List<UpstreamTarget> targetList;
    private final Map<String, TargetState> stateByUrl;
    private final LoadBalancer balancer;
    private final RetryPolicy retryPolicy;
    private final ActiveHealthChecker healthChecker;
    private final AtomicBoolean panic = new AtomicBoolean();

    /** Pool-wide settings that every target of the pool reads. */
    record Settings(String upstreamId, Clock clock, PassiveHealth passiveHealth,
            CircuitBreakerSettings circuitBreaker, boolean activeChecksEnabled) {
    }

    private UpstreamPool(Upstream config, UpstreamEnvironment environment, Map<String, TargetState> previousStates,
            RetryPolicy.RetryBudgetWindows previousRetryWindows, boolean previousHadChecks) {
        this.config = config;
        this.environment = environment;
        this.clock = environment.clock();
        Settings settings = new Settings(config.id(), clock, config.passiveHealthOrDefault(),
                config.circuitBreakerOrDefault(), config.healthCheck() != null);

        long nowMillis = clock.millis();
        Map<String, TargetState> states = new HashMap<>();
        List<UpstreamTarget> built = new ArrayList<>();
        for (Target target : config.targets()) {
            if (target == null) {
                throw new IllegalArgumentException("upstream " + config.id() + ": targets must not contain null");
            }
            if (target.weight() < 0) {
                throw new IllegalArgumentException("upstream " + config.id() + ": weight of target " + target.url()
                        + " must be 0 or more, was " + target.weight());
            }
            TargetState state = states.computeIfAbsent(target.url(),
                    url -> previousStates.getOrDefault(url, new TargetState(nowMillis)));
            if (settings.activeChecksEnabled() && !previousHadChecks) {
                forgetActiveVerdict(state);
            }
            built.add(new UpstreamTarget(settings, target, built.size(), state));
        }
        this.targets = built.toArray(UpstreamTarget[]::new);
        this.targetList = List.copyOf(built);
        this.stateByUrl = Map.copyOf(states);
        this.balancer = LoadBalancer.create(config, targets);
        this.retryPolicy = new RetryPolicy(config.retryOrDefault(), clock, null,
                previousRetryWindows != null ? previousRetryWindows : new RetryPolicy.RetryBudgetWindows());
        this.healthChecker = config.healthCheck() == null ? null
                : new ActiveHealthChecker(config.id(), config.healthCheck(), distinctByState(built), environment);
    }

    /**
     * Builds a pool for {@code config}. Health checks do not run until {@link #start()}.
     *
     * @throws IllegalArgumentException when the config has no id, no targets, a target URL that is
     *     not {@code http(s)://host[:port]}, no target with a weight above 0, or a consistent-hash
     *     balancer without {@code hashOn}
     */
    public static UpstreamPool create(Upstream config, UpstreamEnvironment environment) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(environment, "environment");
        requireUsable(config);
        return new UpstreamPool(config, environment, Map.of(), null, false);
    }

    /**
     * Returns a pool for {@code newConfig}: this pool when the configs are equal, otherwise a new,
     * not yet started pool. The new pool shares with this one the state of every target whose URL
     * is in both configs: in-flight count, failure counters, passive ejection, active-check
     * verdict and circuit-breaker phase, as well as the retry-budget history. Requests still in
     * flight on this pool therefore end on the same counters. Targets with new URLs start fresh.
     * The caller starts the returned pool and then closes this one when they differ.
     */
    public UpstreamPool reconfigure(Upstream newConfig) {
        Objects.requireNonNull(newConfig, "newConfig");
        if (config.equals(newConfig)) {
            return this;
        }
        requireUsable(newConfig);
        return new UpstreamPool(newConfig, environment, stateByUrl, retryPolicy.windows(), healthChecker != null);
    }

    public String id() {
        return config.id();
    }

    public Upstream config() {
        return config;
    }

    /**
     * Picks a target that is healthy and whose breaker admits a request, skipping {@code exclude}
     * (targets already tried by this exchange); null when none is available. When no candidate is
     * healthy it picks among the unhealthy ones whose breakers admit a request (panic mode, see
     * the class comment). The caller must report the returned target through
     * {@link TargetHandle#onRequestStart()} and {@link TargetHandle#onRequestEnd}.
     *
     * @param context request data for the consistent-hash balancer; {@link PickContext#NONE} for others
     * @param exclude targets of this pool that the exchange already tried; null counts as empty
     */
    public TargetHandle pick(PickContext context, Set<TargetHandle> exclude) {
        if (exclude == null) {
            exclude = Set.of();
        }
        if (context == null) {
            context = PickContext.NONE;
        }
        long nowMillis = clock.millis();
        UpstreamTarget picked = pickAdmitted(context, exclude, nowMillis, false);
        if (picked != null) {
            if (panic.get() && panic.compareAndSet(true, false)) {
                LOG.info("Upstream {} left panic mode: a healthy target is available again", config.id());
            }
            return picked;
        }
        if (anyHealthyCandidate(exclude, nowMillis)) {
            return null;
        }
        picked = pickAdmitted(context, exclude, nowMillis, true);
        if (picked != null && !panic.get() && panic.compareAndSet(false, true)) {
            LOG.warn("Upstream {} entered panic mode: no target is healthy, so traffic goes to unhealthy targets "
                    + "whose circuit breakers admit it", config.id());
        }
        return picked;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Returns a snapshot of every target, in config order, for the admin API and metrics. */
    public List<TargetStatus> status() {
        long nowMillis = clock.millis();
        List<TargetStatus> statuses = new ArrayList<>(targets.length);
        for (UpstreamTarget target : targets) {
            statuses.add(target.status(nowMillis));
        }
        return statuses;
    }

    /** Returns whether the last pick found no healthy target and used panic mode. */
    public boolean inPanicMode() {
        return panic.get();
    }

    /** Returns the targets in config order. */
    public List<TargetHandle> targets() {
        return List.copyOf(targetList);
    }

    /** Starts active health checks if configured. Calling it again, or after {@link #close()}, does nothing. */
    public void start() {
        if (healthChecker != null) {
            healthChecker.start();
        }
    }

    /** Stops health checks. Targets stay usable, so exchanges still running on this pool can finish. */
    @Override
    public void close() {
        if (healthChecker != null) {
            healthChecker.close();
        }
    }

    /** Returns the active health checker, or null when the upstream has no health check configured. */
    ActiveHealthChecker healthChecker() {
        return healthChecker;
    }

    private UpstreamTarget pickAdmitted(PickContext context, Set<TargetHandle> exclude, long nowMillis, boolean panicMode) {
        // Another thread can take the last half-open permit between select and tryAcquire. That
        // breaker is then no longer eligible, so each further round has one candidate fewer.
        for (int round = 0; round <= targets.length; round++) {
            UpstreamTarget candidate = balancer.select(context, exclude, nowMillis, panicMode);
            if (candidate == null) {
                return null;
            }
            if (candidate.breaker().tryAcquire(nowMillis)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean anyHealthyCandidate(Set<TargetHandle> exclude, long nowMillis) {
        for (UpstreamTarget target : targets) {
            if (target.weight() > 0 && target.isHealthy(nowMillis) && (exclude.isEmpty() || !exclude.contains(target))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Clears a verdict left from an earlier pool with checks when the previous pool had none, so
     * that a check added back by a reload starts from healthy. The previous pool ignores the
     * verdict, so clearing it is safe even if the new pool is never put into service.
     */
    private static void forgetActiveVerdict(TargetState state) {
        state.activeHealthy = true;
        state.probeFailuresInRow.set(0);
        state.probeSuccessesInRow.set(0);
    }

    private static List<UpstreamTarget> distinctByState(List<UpstreamTarget> targets) {
        Set<TargetState> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<UpstreamTarget> distinct = new ArrayList<>();
        for (UpstreamTarget target : targets) {
            if (seen.add(target.state())) {
                distinct.add(target);
            }
        }
        return distinct;
    }

    private static void requireUsable(Upstream config) {
        if (config.id() == null || config.id().isBlank()) {
            throw new IllegalArgumentException("upstream id is missing");
        }
        if (config.targets().isEmpty()) {
            throw new IllegalArgumentException("upstream " + config.id() + " has no targets; list at least one");
        }
        boolean anyWeight = config.targets().stream().anyMatch(target -> target != null && target.weight() > 0);
        if (!anyWeight) {
            throw new IllegalArgumentException("upstream " + config.id() + ": at least one target needs a weight above 0");
        }
    }
}
