package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A named pool of targets that routes send traffic to.
 *
 * @param balancer how a target is picked; {@link Balancer#ROUND_ROBIN} (weighted) unless set
 * @param hashOn for {@link Balancer#CONSISTENT_HASH}: a header name, or {@code client-address}
 * @param connectTimeoutMillis default TCP connect timeout for routes to this upstream
 * @param idleTimeoutMillis how long a pooled keep-alive connection may sit idle; keep it shorter
 *     than the upstream's own keep-alive timeout so the gateway closes first
 * @param maxConnectionsPerTarget connection pool size per target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Upstream(
        String id,
        List<Target> targets,
        Balancer balancer,
        String hashOn,
        Long connectTimeoutMillis,
        Long idleTimeoutMillis,
        Integer maxConnectionsPerTarget,
        PassiveHealth passiveHealth,
        ActiveHealthCheck healthCheck,
        CircuitBreakerSettings circuitBreaker,
        RetrySettings retry) {

    public static final String HASH_ON_CLIENT_ADDRESS = "client-address";
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 256;

    public Upstream {
        targets = targets == null ? List.of() : List.copyOf(targets);
        balancer = balancer == null ? Balancer.ROUND_ROBIN : balancer;
    }

    public static Upstream of(String id, List<Target> targets) {
        return new Upstream(id, targets, null, null, null, null, null, null, null, null, null);
    }

    public long connectTimeoutMillisOrDefault() {
        return connectTimeoutMillis == null ? DEFAULT_CONNECT_TIMEOUT_MILLIS : connectTimeoutMillis;
    }

    public long idleTimeoutMillisOrDefault() {
        return idleTimeoutMillis == null ? DEFAULT_IDLE_TIMEOUT_MILLIS : idleTimeoutMillis;
    }

    public int maxConnectionsPerTargetOrDefault() {
        return maxConnectionsPerTarget == null ? DEFAULT_MAX_CONNECTIONS_PER_TARGET : maxConnectionsPerTarget;
    }

    public PassiveHealth passiveHealthOrDefault() {
        return passiveHealth == null ? PassiveHealth.DEFAULTS : passiveHealth;
    }

    public CircuitBreakerSettings circuitBreakerOrDefault() {
        return circuitBreaker == null ? CircuitBreakerSettings.DEFAULTS : circuitBreaker;
    }

    public RetrySettings retryOrDefault() {
        return retry == null ? RetrySettings.DEFAULTS : retry;
    }

    public Upstream withTargets(List<Target> newTargets) {
        return new Upstream(id, newTargets, balancer, hashOn, connectTimeoutMillis, idleTimeoutMillis,
                maxConnectionsPerTarget, passiveHealth, healthCheck, circuitBreaker, retry);
    }

    public Upstream withId(String newId) {
        return new Upstream(newId, targets, balancer, hashOn, connectTimeoutMillis, idleTimeoutMillis,
                maxConnectionsPerTarget, passiveHealth, healthCheck, circuitBreaker, retry);
    }
}
