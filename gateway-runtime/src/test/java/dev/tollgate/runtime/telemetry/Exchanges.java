package dev.tollgate.runtime.telemetry;

import java.time.Duration;

/** Builds {@link CompletedExchange}s for tests. */
final class Exchanges {

    private static long requestCounter;

    private Exchanges() {}

    static CompletedExchange completed(String routeId, int status, Duration latency) {
        return completed(routeId, status, latency, "/items?page=1", null);
    }

    static synchronized CompletedExchange completed(String routeId, int status, Duration latency, String pathAndQuery,
            String consumerId) {
        requestCounter++;
        return new CompletedExchange(1_767_225_600_000L + requestCounter, "req-" + requestCounter, routeId, "GET",
                pathAndQuery, status, latency.toNanos(), latency.toNanos() / 2, "http://127.0.0.1:9/", consumerId,
                consumerId == null ? null : "cred-" + consumerId, null, 10, 20, "127.0.0.1", null);
    }

    static CompletedExchange failed(String routeId, int status, String failure) {
        CompletedExchange base = completed(routeId, status, Duration.ofMillis(1));
        return new CompletedExchange(base.startedAtEpochMillis(), base.requestId(), routeId, base.method(),
                base.rawPathAndQuery(), status, base.latencyNanos(), -1, null, null, null, null, 10, 0,
                base.clientAddress(), failure);
    }
}
