package dev.tollgate.runtime.upstream;

/**
 * A point-in-time view of one target for the admin API and metrics.
 *
 * @param healthy false while passive health has ejected the target or active checks mark it unhealthy
 * @param inFlight gateway→upstream requests started and not yet ended
 * @param consecutiveFailures failed requests since the last successful one
 */
public record TargetStatus(
        String url, int weight, boolean healthy, BreakerState breaker, int inFlight, long consecutiveFailures) {
}
