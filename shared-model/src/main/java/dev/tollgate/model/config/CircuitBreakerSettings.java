package dev.tollgate.model.config;

/**
 * A circuit breaker per target: closed, open after {@code failureThreshold} consecutive failures,
 * half-open after {@code openMillis}, closed again when the trial requests succeed.
 *
 * @param halfOpenRequests trial requests let through while half-open; all must succeed to close
 */
public record CircuitBreakerSettings(Integer failureThreshold, Long openMillis, Integer halfOpenRequests) {

    public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(null, null, null);

    public CircuitBreakerSettings {
        failureThreshold = failureThreshold == null ? 10 : failureThreshold;
        openMillis = openMillis == null ? 10_000L : openMillis;
        halfOpenRequests = halfOpenRequests == null ? 1 : halfOpenRequests;
    }
}
