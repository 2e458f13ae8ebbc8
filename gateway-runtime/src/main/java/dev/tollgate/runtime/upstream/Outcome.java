package dev.tollgate.runtime.upstream;

/** The result of one gateway→upstream request, as far as the target's health is concerned. */
public enum Outcome {
    /** A response other than 5xx, 4xx included, because the target itself responded. */
    SUCCESS,
    /** The TCP or TLS connection to the target failed. */
    CONNECT_FAILURE,
    /** The target sent no response within the route's timeout. */
    TIMEOUT,
    /** A 5xx response from the target. */
    SERVER_ERROR,
    /** The client went away or the gateway gave up for its own reasons: neither success nor failure. */
    CLIENT_ABORTED;

    /** Returns true for outcomes that count toward ejection and opening the circuit breaker. */
    public boolean isFailure() {
        return this == CONNECT_FAILURE || this == TIMEOUT || this == SERVER_ERROR;
    }
}
