package dev.tollgate.runtime.upstream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mutable state of one target URL: in-flight count, failure counters, ejection, active-check
 * verdict and circuit-breaker phase. It is kept apart from the settings so that
 * {@link UpstreamPool#reconfigure} can hand the same object to the next pool. Requests that
 * started on the old pool then end on the same counters as requests on the new one.
 */
final class TargetState {

    final AtomicInteger inFlight = new AtomicInteger();
    /** Failed requests since the last successful one; reported in {@link TargetStatus}. */
    final AtomicLong consecutiveFailures = new AtomicLong();
    /** Failed requests since the last success or the last ejection; drives passive ejection. */
    final AtomicInteger passiveFailures = new AtomicInteger();
    /** Clock millis at which an ejected target is re-admitted; 0 when the target is not ejected. */
    final AtomicLong ejectedUntilMillis = new AtomicLong();

    /** Verdict of active health checks; targets start healthy so traffic flows before the first probe. */
    volatile boolean activeHealthy = true;
    final AtomicInteger probeSuccessesInRow = new AtomicInteger();
    final AtomicInteger probeFailuresInRow = new AtomicInteger();

    final AtomicReference<BreakerPhase> breakerPhase;
    /** Failures in a row while the breaker is closed. */
    final AtomicInteger breakerFailures = new AtomicInteger();

    TargetState(long nowMillis) {
        this.breakerPhase = new AtomicReference<>(BreakerPhase.closed(nowMillis));
    }
}
