package dev.tollgate.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A summary of one proxied request for drill-down. It never holds a body, a header value or a
 * secret; sensitive query parameters are already redacted in {@code path}, and credentials appear by
 * id only.
 *
 * @param path the request path with its (redacted) query
 * @param target the upstream target URL, or null when none was reached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficRecord(
        Instant at, String requestId, String routeId, String method, String path, int status,
        double latencyMillis, Double upstreamLatencyMillis, String target,
        String consumerId, String credentialId, long requestBytes, long responseBytes) {}
