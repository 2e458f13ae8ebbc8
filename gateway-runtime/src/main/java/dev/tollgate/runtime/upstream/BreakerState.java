package dev.tollgate.runtime.upstream;

/** Circuit breaker states of one target. */
public enum BreakerState {
    /** Requests flow; consecutive failures are counted. */
    CLOSED,
    /** Requests are rejected until the open period has passed. */
    OPEN,
    /** A limited number of trial requests decide between closing and opening again. */
    HALF_OPEN
}
