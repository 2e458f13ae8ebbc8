package dev.tollgate.console.viewmodel;

import java.util.Arrays;

/**
 * Time the UI thread spends applying live-stream batches, measured with {@link System#nanoTime()}
 * around each apply step. Keeps totals plus the last {@value #WINDOW} samples for a percentile.
 */
public final class FxUpdateStats {

    static final int WINDOW = 512;

    private final long[] recentNanos = new long[WINDOW];
    private long count;
    private long totalNanos;
    private long maxNanos;
    private long lastNanos;
    private long events;

    /** Records one apply step that took {@code nanos} and applied {@code eventCount} stream events. */
    public synchronized void record(long nanos, int eventCount) {
        recentNanos[(int) (count % WINDOW)] = nanos;
        count++;
        events += eventCount;
        totalNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        lastNanos = nanos;
    }

    /** Forgets every sample, for example to measure steady updates after a burst. */
    public synchronized void reset() {
        Arrays.fill(recentNanos, 0);
        count = 0;
        events = 0;
        totalNanos = 0;
        maxNanos = 0;
        lastNanos = 0;
    }

    public synchronized Snapshot snapshot() {
        int samples = (int) Math.min(count, WINDOW);
        long[] sorted = Arrays.copyOf(recentNanos, samples);
        Arrays.sort(sorted);
        long p99 = samples == 0 ? 0 : sorted[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)];
        return new Snapshot(count, events, count == 0 ? 0 : totalNanos / count / 1000.0, p99 / 1000.0,
                maxNanos / 1000.0, lastNanos / 1000.0);
    }

    /**
     * Summary in microseconds.
     *
     * @param batches apply steps measured
     * @param events stream events applied in those steps
     * @param p99Micros 99th percentile over the last {@value FxUpdateStats#WINDOW} steps
     */
    public record Snapshot(long batches, long events, double meanMicros, double p99Micros, double maxMicros,
            double lastMicros) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%d updates (%d events), UI thread per update: mean %.0f µs, p99 %.0f µs, max %.0f µs",
                    batches, events, meanMicros, p99Micros, maxMicros);
        }
    }
}
