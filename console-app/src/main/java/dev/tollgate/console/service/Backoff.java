package dev.tollgate.console.service;

/**
 * Exponential reconnect delays: {@code initialMillis}, doubled after each failed attempt, capped at
 * {@code maxMillis}. Deterministic, so tests can assert the schedule.
 */
public record Backoff(long initialMillis, long maxMillis) {

    public static final Backoff DEFAULT = new Backoff(500, 30_000);

    public Backoff {
        if (initialMillis <= 0) {
            throw new IllegalArgumentException("initialMillis must be greater than 0, was " + initialMillis);
        }
        if (maxMillis < initialMillis) {
            throw new IllegalArgumentException("maxMillis must be at least initialMillis (" + initialMillis + "), was " + maxMillis);
        }
    }

    /** Returns the delay before reconnect attempt {@code attempt}, counting from 1. */
    public long delayMillis(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }
}
