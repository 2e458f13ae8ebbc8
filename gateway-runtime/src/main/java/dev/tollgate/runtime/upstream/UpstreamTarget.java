package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.model.config.Target;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target of one pool: its parsed address, its weight and the settings of that pool, bound to a
 * {@link TargetState} that may outlive the pool. Identity is the object, so two pools never share
 * a handle even when they share the state behind it.
 */
final class UpstreamTarget implements TargetHandle {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTarget.class);

    private final String upstreamId;
    private final String url;
    private final URI uri;
    private final String scheme;
    private final String host;
    private final int port;
    private final int weight;
    private final int index;
    private final TargetState state;
    private final CircuitBreaker breaker;
    private final PassiveHealth passiveHealth;
    private final boolean activeChecksEnabled;
    private final Clock clock;

    UpstreamTarget(UpstreamPool.Settings pool, Target target, int index, TargetState state) {
        this.upstreamId = pool.upstreamId();
        this.url = target.url();
        this.uri = parseTargetUrl(pool.upstreamId(), target.url());
        this.scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        this.host = uri.getHost();
        this.port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        this.weight = target.weight();
        this.index = index;
        this.state = state;
        this.breaker = new CircuitBreaker(pool.circuitBreaker(), state, pool.upstreamId(), url);
        this.passiveHealth = pool.passiveHealth();
        this.activeChecksEnabled = pool.activeChecksEnabled();
        this.clock = pool.clock();
    }

    private static URI parseTargetUrl(String upstreamId, String url) {
        if (url == null) {
            throw new IllegalArgumentException("upstream " + upstreamId + ": target url is missing");
        }
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream " + upstreamId + ": target url \"" + url
                    + "\" is not a valid URI: " + e.getMessage(), e);
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("upstream " + upstreamId + ": target url \"" + url
                    + "\" must start with http:// or https://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("upstream " + upstreamId + ": target url \"" + url
                    + "\" has no host; use the form http://host:port");
        }
        return parsed;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void onRequestStart() {
        state.inFlight.incrementAndGet();
    }

    /**
     * {@inheritDoc}
     *
     * <p>NOTE: {@code latencyNanos} is accepted for latency-based ejection but not used yet.
     */
    @Override
    public void onRequestEnd(Outcome outcome, long latencyNanos) {
        state.inFlight.decrementAndGet();
        if (outcome == Outcome.SUCCESS) {
            recordSuccess();
        } else if (outcome.isFailure()) {
            recordFailure(outcome);
        } else {
            breaker.onAborted();
        }
    }

    int weight() {
        return weight;
    }

    int index() {
        return index;
    }

    int inFlight() {
        return state.inFlight.get();
    }

    TargetState state() {
        return state;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Returns whether a balancer may choose this target now. In panic mode health is ignored, but
     * the weight, the exclusions of the exchange and the circuit breaker still apply.
     */
    boolean isEligible(Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        return weight > 0
                && (panic || isHealthy(nowMillis))
                && breaker.admits(nowMillis)
                && (exclude.isEmpty() || !exclude.contains(this));
    }

    /** Returns whether the target is neither ejected nor marked unhealthy, re-admitting it when its cool-down has passed. */
    boolean isHealthy(long nowMillis) {
        if (activeChecksEnabled && !state.activeHealthy) {
            return false;
        }
        long ejectedUntil = state.ejectedUntilMillis.get();
        if (ejectedUntil == 0) {
            return true;
        }
        if (nowMillis < ejectedUntil) {
            return false;
        }
        if (state.ejectedUntilMillis.compareAndSet(ejectedUntil, 0)) {
            LOG.info("Re-admitted target {} of upstream {} after its passive-health cool-down", url, upstreamId);
        }
        return true;
    }

    /** Returns the same verdict as {@link #isHealthy} without re-admitting anything. */
    boolean isHealthyNoSideEffects(long nowMillis) {
        if (activeChecksEnabled && !state.activeHealthy) {
            return false;
        }
        long ejectedUntil = state.ejectedUntilMillis.get();
        return ejectedUntil == 0 || nowMillis >= ejectedUntil;
    }

    TargetStatus status(long nowMillis) {
        return new TargetStatus(url, weight, isHealthyNoSideEffects(nowMillis), breaker.state(),
                state.inFlight.get(), state.consecutiveFailures.get());
    }

    private void recordSuccess() {
        if (state.consecutiveFailures.get() != 0) {
            state.consecutiveFailures.set(0);
        }
        if (state.passiveFailures.get() != 0) {
            state.passiveFailures.set(0);
        }
        breaker.onSuccess(clock.millis());
    }

    private void recordFailure(Outcome outcome) {
        long nowMillis = clock.millis();
        state.consecutiveFailures.incrementAndGet();
        int failures = state.passiveFailures.incrementAndGet();
        if (failures >= passiveHealth.consecutiveFailures() && state.passiveFailures.compareAndSet(failures, 0)) {
            state.ejectedUntilMillis.set(nowMillis + passiveHealth.cooldownMillis());
            LOG.warn("Ejected target {} of upstream {} for {} ms after {} consecutive failures (last: {})",
                    url, upstreamId, passiveHealth.cooldownMillis(), failures, outcome);
        }
        breaker.onFailure(nowMillis);
    }

    @Override
    public String toString() {
        return url;
    }
}
