package dev.tollgate.runtime.telemetry;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The fixed Prometheus histogram buckets for request and upstream durations, and cumulative bucket
 * counts folded from HdrHistogram interval histograms recorded in microseconds.
 *
 * <p>A value is placed by the lowest value HdrHistogram treats as equal to it, so bucket edges are
 * exact up to 2.047 ms and within 0.1% above (3 significant digits).
 */
final class LatencyBuckets {

    /** Upper bounds in seconds, as written in the {@code le} label. The last bucket, {@code +Inf}, is implicit. */
    static final String[] UPPER_BOUND_LABELS = {
        "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60"
    };

    private static final long[] UPPER_BOUNDS_MICROS = {
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000
    };

    static final Cumulative EMPTY = new Cumulative(new long[UPPER_BOUNDS_MICROS.length], 0, 0);

    private LatencyBuckets() {}

    /**
     * Cumulative counts as Prometheus exposes them: {@code bucketCounts[i]} observations at or below
     * {@code UPPER_BOUND_LABELS[i]} seconds, {@code count} observations in all.
     */
    record Cumulative(long[] bucketCounts, double sumSeconds, long count) {

        /** Returns a copy with every value of {@code interval} (in microseconds) added. */
        Cumulative plus(AbstractHistogram interval) {
            if (interval.getTotalCount() == 0) {
                return this;
            }
            long[] perBucket = new long[UPPER_BOUNDS_MICROS.length];
            double addedMicros = 0;
            long added = 0;
            for (HistogramIterationValue value : interval.recordedValues()) {
                long micros = interval.lowestEquivalentValue(value.getValueIteratedTo());
                long times = value.getCountAtValueIteratedTo();
                int bucket = bucketIndex(micros);
                if (bucket < perBucket.length) {
                    perBucket[bucket] += times;
                }
                addedMicros += (double) interval.medianEquivalentValue(micros) * times;
                added += times;
            }
            long[] cumulative = bucketCounts.clone();
            long runningTotal = 0;
            for (int i = 0; i < cumulative.length; i++) {
                runningTotal += perBucket[i];
                cumulative[i] += runningTotal;
            }
            return new Cumulative(cumulative, sumSeconds + addedMicros / 1_000_000.0, count + added);
        }
    }

    private static int bucketIndex(long micros) {
        for (int i = 0; i < UPPER_BOUNDS_MICROS.length; i++) {
            if (micros <= UPPER_BOUNDS_MICROS[i]) {
                return i;
            }
        }
        return UPPER_BOUNDS_MICROS.length;
    }
}
