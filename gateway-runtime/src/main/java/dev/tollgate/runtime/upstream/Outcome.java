package dev.tollgate.runtime.upstream;

/** How one gateway→upstream request ended, as far as the target's health is concerned. */
public enum Outcome {
    /** A response that is not a 5xx, including 4xx: the target answered. */
    SUCCESS,
    /** The TCP or TLS connection to the target failed. */
    CONNECT_FAILURE,
    /** The target did not answer within the route's timeout. */
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
