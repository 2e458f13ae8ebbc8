package dev.tollgate.runtime.telemetry;

/**
 * One finished client exchange as the data plane saw it. No header values or bodies are kept, and
 * {@code rawPathAndQuery} still needs redacting of sensitive query parameters before it is shown.
 *
 * @param startedAtEpochMillis wall-clock time the request line arrived
 * @param routeId the matched route, or null when no route matched
 * @param status the status sent to the client
 * @param latencyNanos from the request's arrival until the last response byte was written
 * @param upstreamLatencyNanos from sending the request upstream until the response head arrived;
 *     -1 when no upstream answered
 * @param target the upstream target URL that served the request, or null
 * @param consumerId authenticated consumer, or null
 * @param credentialId id (never the secret) of the credential used, or null
 * @param policyVersion the policy version that served the request, or null
 * @param failure short reason when the gateway produced the status itself (for example
 *     {@code upstream_timeout}, {@code no_route}), or null
 */
public record CompletedExchange(
        long startedAtEpochMillis,
        String requestId,
        String routeId,
        String method,
        String rawPathAndQuery,
        int status,
        long latencyNanos,
        long upstreamLatencyNanos,
        String target,
        String consumerId,
        String credentialId,
        String policyVersion,
        long requestBytes,
        long responseBytes,
        String clientAddress,
        String failure) {}
