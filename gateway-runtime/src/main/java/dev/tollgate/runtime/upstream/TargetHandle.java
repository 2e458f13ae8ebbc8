package dev.tollgate.runtime.upstream;

import java.net.URI;

/**
 * One target of an {@link UpstreamPool}, as handed out by {@link UpstreamPool#pick}. A handle is
 * shared by every exchange that goes to the target, so it carries no per-request state.
 *
 * <p>Every handle returned by {@code pick} must be followed by one {@link #onRequestStart()} and
 * one {@link #onRequestEnd}, even when the gateway gives up before sending (report
 * {@link Outcome#CLIENT_ABORTED} then): while the breaker is half-open, {@code pick} has already
 * spent one of its trial permits on the caller.
 */
public interface TargetHandle {

    /** Returns the target URL as configured, e.g. {@code http://10.0.0.5:8080}. */
    String url();

    URI uri();

    /** Returns {@code http} or {@code https}. */
    String scheme();

    /** Returns the host as {@link URI#getHost()} gives it, so an IPv6 literal keeps its brackets. */
    String host();

    /** Returns the port, with 80 or 443 filled in when the URL has none. */
    int port();

    /** Counts a gateway→upstream request as in flight; the least-requests balancer reads the count. */
    void onRequestStart();

    /**
     * Ends the in-flight request started by the matching {@link #onRequestStart()} and feeds its
     * outcome to passive health and the circuit breaker. Call it exactly once per start, because
     * extra or missing calls skew the in-flight count and, while half-open, the trial permits.
     *
     * @param latencyNanos time from sending the request to the end of the response, or to the failure
     */
    void onRequestEnd(Outcome outcome, long latencyNanos);
}
