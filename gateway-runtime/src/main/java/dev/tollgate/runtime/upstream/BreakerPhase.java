package dev.tollgate.runtime.upstream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay of a circuit breaker in one state. Every transition installs a new phase object with a
 * compare-and-set, so a thread that acts on a phase it read earlier cannot undo a later transition
 * (no ABA), and the half-open counters start fresh with each half-open phase.
 */
final class BreakerPhase {

    final BreakerState state;
    final long sinceMillis;
    /** Trial requests this half-open phase needs; 0 in the other states. */
    final int trialRequests;
    /** Trial permits not yet handed out; only used while half-open. */
    final AtomicInteger permits;
    /** Trial requests that succeeded; only used while half-open. */
    final AtomicInteger successes = new AtomicInteger();

    private BreakerPhase(BreakerState state, long sinceMillis, int trialRequests) {
        this.state = state;
        this.sinceMillis = sinceMillis;
        this.trialRequests = trialRequests;
        this.permits = new AtomicInteger(trialRequests);
    }

    static BreakerPhase closed(long nowMillis) {
        return new BreakerPhase(BreakerState.CLOSED, nowMillis, 0);
    }

    static BreakerPhase open(long nowMillis) {
        return new BreakerPhase(BreakerState.OPEN, nowMillis, 0);
    }

    static BreakerPhase halfOpen(long nowMillis, int trialRequests) {
        return new BreakerPhase(BreakerState.HALF_OPEN, nowMillis, trialRequests);
    }
}
