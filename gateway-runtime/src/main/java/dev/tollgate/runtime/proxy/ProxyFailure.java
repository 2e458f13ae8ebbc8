package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.upstream.Outcome;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * Every way the gateway responds to a request itself, with the status it sends, the reason written
 * to the access log and the outcome reported to the target's health. The mapping from exceptions
 * to failures lives only here.
 */
public enum ProxyFailure {
    BAD_PATH(400, "Bad Request", "bad_path", null),
    BAD_REQUEST_BODY(400, "Bad Request", "bad_request_body", Outcome.CLIENT_ABORTED),
    NO_ROUTE(404, "Not Found", "no_route", null),
    NO_TARGET(503, "Service Unavailable", "no_available_target", null),
    CONNECT_FAILED(502, "Bad Gateway", "upstream_connect_failed", Outcome.CONNECT_FAILURE),
    UPSTREAM_TIMEOUT(504, "Gateway Timeout", "upstream_timeout", Outcome.TIMEOUT),
    UPSTREAM_FAILED(502, "Bad Gateway", "upstream_failed", Outcome.SERVER_ERROR),
    UPGRADE_REJECTED(502, "Upgrade Rejected", "upstream_rejected_upgrade", Outcome.SUCCESS),
    CLIENT_ABORTED(499, "Client Closed Request", "client_aborted", Outcome.CLIENT_ABORTED);

    private final int status;
    private final String title;
    private final String reason;
    private final Outcome outcome;

    ProxyFailure(int status, String title, String reason, Outcome outcome) {
        this.status = status;
        this.title = title;
        this.reason = reason;
        this.outcome = outcome;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Short reason for the access log and telemetry, for example {@code upstream_timeout}. */
    public String reason() {
        return reason;
    }

    /** Returns the outcome reported to the target's passive health and circuit breaker. */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Classifies why a gateway→upstream exchange failed: a timeout is {@link #UPSTREAM_TIMEOUT}
     * (504), a refused, unroutable, unresolvable or timed-out connect is {@link #CONNECT_FAILED}
     * (502), anything else {@link #UPSTREAM_FAILED} (502).
     */
    public static ProxyFailure classifyUpstream(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpstreamConnectTimeoutException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException) {
                return CONNECT_FAILED;
            }
            if (cause instanceof TimeoutException) {
                return UPSTREAM_TIMEOUT;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return UPSTREAM_FAILED;
    }
}
