package dev.tollgate.demo;

import java.util.random.RandomGenerator;

/**
 * How a sample service behaves: a uniform base latency, an optional slow tail and a share of
 * simulated server errors.
 *
 * @param minMillis shortest base latency
 * @param maxMillis longest base latency
 * @param slowFraction share of requests, 0 to 1, that take the slow-tail latency instead
 * @param slowMinMillis shortest slow-tail latency
 * @param slowMaxMillis longest slow-tail latency
 * @param errorFraction share of requests, 0 to 1, that fail with a 5xx status
 */
public record LatencyProfile(
        long minMillis, long maxMillis, double slowFraction, long slowMinMillis, long slowMaxMillis, double errorFraction) {

    public LatencyProfile {
        requireRange("minMillis", minMillis, maxMillis, "maxMillis");
        requireRange("slowMinMillis", slowMinMillis, slowMaxMillis, "slowMaxMillis");
        requireFraction("slowFraction", slowFraction);
        requireFraction("errorFraction", errorFraction);
    }

    /** A service that responds in {@code minMillis} to {@code maxMillis} and never fails. */
    public static LatencyProfile steady(long minMillis, long maxMillis) {
        return new LatencyProfile(minMillis, maxMillis, 0, 0, 0, 0);
    }

    /** Draws the latency of one request. */
    public long pickDelayMillis(RandomGenerator random) {
        if (slowFraction > 0 && random.nextDouble() < slowFraction) {
            return uniform(random, slowMinMillis, slowMaxMillis);
        }
        return uniform(random, minMillis, maxMillis);
    }

    /** Draws whether one request fails with a server error. */
    public boolean pickFailure(RandomGenerator random) {
        return errorFraction > 0 && random.nextDouble() < errorFraction;
    }

    private static long uniform(RandomGenerator random, long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }

    private static void requireRange(String minName, long min, long max, String maxName) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException(
                    minName + " must be at least 0 and at most " + maxName + ", was " + min + " and " + max);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
