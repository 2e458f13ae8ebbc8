package dev.tollgate.model.api;

/**
 * One route's figures over one interval of the live stream. Latencies are gateway-observed, from
 * the first request byte to the last response byte, in milliseconds.
 */
public record RouteMetrics(
        String routeId, double requestsPerSecond,
        double p50Millis, double p95Millis, double p99Millis, double maxMillis,
        StatusCounts statuses, long rateLimited, long inFlight) {}
