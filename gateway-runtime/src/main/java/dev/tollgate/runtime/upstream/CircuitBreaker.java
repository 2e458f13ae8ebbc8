package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.CircuitBreakerSettings;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one target.
 *
 * <pre>
 *   CLOSED --failureThreshold failures in a row--> OPEN
 *   OPEN --openMillis passed, next admission--> HALF_OPEN (halfOpenRequests trial permits)
 *   HALF_OPEN --every trial request succeeded--> CLOSED
 *   HALF_OPEN --any failure--> OPEN (the open period starts again)
 *   HALF_OPEN --permits spent, no verdict for openMillis--> HALF_OPEN (fresh permits)
 * </pre>
 *
 * <p>The last rule keeps a trial request whose end is never reported from blocking the target
 * for good. Its cost is one extra trial request per {@code openMillis} while a trial is slower
 * than that.
 *
 * <p>All methods are lock-free: the phase is swapped with compare-and-set and trial permits are
 * an {@link AtomicInteger}. An OPEN breaker whose period has passed stays OPEN until the next
 * admission attempt moves it to HALF_OPEN, so {@link #state()} may report OPEN for a breaker that
 * would admit a request.
 *
 * <p>NOTE: a target handle is shared by all exchanges, so a request is attributed to the phase in
 * which it ends, not the one in which it started. A slow request sent while CLOSED that succeeds
 * during HALF_OPEN counts as a trial success.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final CircuitBreakerSettings settings;
    private final AtomicReference<BreakerPhase> phase;
    private final AtomicInteger closedFailures;
    private final String upstreamId;
    private final String targetUrl;

    CircuitBreaker(CircuitBreakerSettings settings, TargetState state, String upstreamId, String targetUrl) {
        this.settings = settings;
        this.phase = state.breakerPhase;
        this.closedFailures = state.breakerFailures;
        this.upstreamId = upstreamId;
        this.targetUrl = targetUrl;
    }

    BreakerState state() {
        return phase.get().state;
    }

    /** Returns whether {@link #tryAcquire} would probably admit a request now, without taking a permit. */
    boolean admits(long nowMillis) {
        BreakerPhase current = phase.get();
        return switch (current.state) {
            case CLOSED -> true;
            case OPEN -> openPeriodOver(current, nowMillis);
            case HALF_OPEN -> current.permits.get() > 0 || trialOverdue(current, nowMillis);
        };
    }

    /** Admits one request, moving an expired OPEN breaker to HALF_OPEN and taking a trial permit there. */
    boolean tryAcquire(long nowMillis) {
        BreakerPhase current = phase.get();
        if (current.state == BreakerState.CLOSED) {
            return true;
        }
        if (current.state == BreakerState.OPEN) {
            if (!openPeriodOver(current, nowMillis)) {
                return false;
            }
            BreakerPhase halfOpen = BreakerPhase.halfOpen(nowMillis, settings.halfOpenRequests());
            if (phase.compareAndSet(current, halfOpen)) {
                LOG.info("Circuit breaker half-open for upstream {} target {}: letting {} trial request(s) through",
                        upstreamId, targetUrl, halfOpen.trialRequests);
            }
            current = phase.get();
            if (current.state != BreakerState.HALF_OPEN) {
                return current.state == BreakerState.CLOSED;
            }
        }
        if (current.permits.get() <= 0 && trialOverdue(current, nowMillis)) {
            BreakerPhase retrial = BreakerPhase.halfOpen(nowMillis, settings.halfOpenRequests());
            if (phase.compareAndSet(current, retrial)) {
                LOG.warn("Circuit breaker for upstream {} target {} got no trial result within {} ms; "
                        + "letting {} new trial request(s) through", upstreamId, targetUrl, settings.openMillis(),
                        retrial.trialRequests);
            }
            current = phase.get();
            if (current.state != BreakerState.HALF_OPEN) {
                return current.state == BreakerState.CLOSED;
            }
        }
        return takePermit(current);
    }

    void onSuccess(long nowMillis) {
        BreakerPhase current = phase.get();
        switch (current.state) {
            case CLOSED -> {
                if (closedFailures.get() != 0) {
                    closedFailures.set(0);
                }
            }
            case HALF_OPEN -> {
                int successes = current.successes.incrementAndGet();
                if (successes >= current.trialRequests && phase.compareAndSet(current, BreakerPhase.closed(nowMillis))) {
                    closedFailures.set(0);
                    LOG.info("Circuit breaker closed for upstream {} target {}: {} trial request(s) succeeded",
                            upstreamId, targetUrl, successes);
                }
            }
            case OPEN -> {
                // A request sent before the breaker opened; one late success does not close it.
            }
        }
    }

    void onFailure(long nowMillis) {
        BreakerPhase current = phase.get();
        switch (current.state) {
            case CLOSED -> {
                int failures = closedFailures.incrementAndGet();
                if (failures >= settings.failureThreshold() && phase.compareAndSet(current, BreakerPhase.open(nowMillis))) {
                    closedFailures.set(0);
                    LOG.warn("Circuit breaker opened for upstream {} target {} after {} consecutive failures; "
                            + "rejecting requests for {} ms", upstreamId, targetUrl, failures, settings.openMillis());
                }
            }
            case HALF_OPEN -> {
                if (phase.compareAndSet(current, BreakerPhase.open(nowMillis))) {
                    LOG.warn("Circuit breaker reopened for upstream {} target {}: a trial request failed; "
                            + "rejecting requests for {} ms", upstreamId, targetUrl, settings.openMillis());
                }
            }
            case OPEN -> {
                // Already open; late failures do not extend the open period.
            }
        }
    }

    /** Returns the trial permit of a half-open request that ended neither in success nor in failure. */
    void onAborted() {
        BreakerPhase current = phase.get();
        if (current.state != BreakerState.HALF_OPEN) {
            return;
        }
        int permits;
        do {
            permits = current.permits.get();
            if (permits + current.successes.get() >= current.trialRequests) {
                return;
            }
        } while (!current.permits.compareAndSet(permits, permits + 1));
    }

    private boolean openPeriodOver(BreakerPhase open, long nowMillis) {
        return nowMillis - open.sinceMillis >= settings.openMillis();
    }

    private boolean trialOverdue(BreakerPhase halfOpen, long nowMillis) {
        return nowMillis - halfOpen.sinceMillis >= settings.openMillis();
    }

    private static boolean takePermit(BreakerPhase halfOpen) {
        while (true) {
            int permits = halfOpen.permits.get();
            if (permits <= 0) {
                return false;
            }
            if (halfOpen.permits.compareAndSet(permits, permits - 1)) {
                return true;
            }
        }
    }
}
