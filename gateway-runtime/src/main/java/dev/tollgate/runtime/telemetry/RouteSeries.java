package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything recorded for one route series. Request threads call {@link #recordStarted()} and
 * {@link #recordCompleted}, which only increment {@link LongAdder}s, record into HdrHistogram
 * {@link Recorder}s and write one ring slot: no locks and no allocation. The interval task alone
 * calls {@link #sampleInterval}, which swaps the recorders and folds the interval into the
 * cumulative figures that {@code /metrics} reads.
 *
 * <p>Memory: each recorder keeps two fixed-range histograms of about 140 KiB (1 µs to 60 s at 3
 * significant digits), so one series costs about 0.6 MiB with the recycled interval histograms.
 */
final class RouteSeries {

    static final long LOWEST_MICROS = 1;
    static final long HIGHEST_MICROS = 60_000_000;
    static final int SIGNIFICANT_DIGITS = 3;

    /** Status classes 1xx to 5xx at indexes 0 to 4; index 5 counts statuses outside 100..599. */
    static final int STATUS_CLASSES = 6;
    static final String[] STATUS_CLASS_LABELS = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private static final int TOO_MANY_REQUESTS = 429;

    final String routeId;
    private final boolean countsInFlight;

    private final LongAdder[] statusClassCounts = new LongAdder[STATUS_CLASSES];
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final Recorder latencyMicros = newRecorder();
    private final Recorder upstreamLatencyMicros = newRecorder();
    private volatile RecentRing recent;

    // Written by the interval task only.
    private Histogram latencyInterval;
    private Histogram upstreamInterval;
    private final long[] statusCountsAtLastInterval = new long[STATUS_CLASSES];
    private long rateLimitedAtLastInterval;
    private volatile boolean everUsed;

    // Written by the interval task, read by /metrics scrapes.
    private volatile Folded folded;

    /**
     * @param countsInFlight false for the unmatched series, whose exchanges are never started
     */
    RouteSeries(String routeId, int recentCapacity, boolean countsInFlight) {
        this.routeId = routeId;
        this.countsInFlight = countsInFlight;
        for (int i = 0; i < STATUS_CLASSES; i++) {
            statusClassCounts[i] = new LongAdder();
        }
        this.recent = recentCapacity == 0 ? RecentRing.DISABLED : new RecentRing(recentCapacity);
        this.folded = new Folded(routeId, new long[STATUS_CLASSES], LatencyBuckets.EMPTY, LatencyBuckets.EMPTY);
    }

    /**
     * The counters and histograms as of the last interval, published together so one scrape reads
     * request counts that match the duration histogram's count.
     *
     * @param statusClassCounts completed exchanges by status class, indexed like {@link #STATUS_CLASS_LABELS}
     */
    record Folded(String routeId, long[] statusClassCounts, LatencyBuckets.Cumulative latencyTotals,
            LatencyBuckets.Cumulative upstreamTotals) {}

    private static Recorder newRecorder() {
        return new Recorder(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    void recordStarted() {
        started.increment();
    }

    /** Records a finished exchange whose path is already redacted. */
    void recordCompleted(CompletedExchange exchange) {
        if (countsInFlight) {
            completed.increment();
        }
        // Latency before the status count, and sampleInterval reads the counts before it swaps the
        // recorders, so an exchange counted in a fold is always in that fold's histogram too. Only
        // one completing during the fold can reach the histogram one fold before the count.
        latencyMicros.recordValue(toMicros(exchange.latencyNanos()));
        if (exchange.upstreamLatencyNanos() >= 0) {
            upstreamLatencyMicros.recordValue(toMicros(exchange.upstreamLatencyNanos()));
        }
        int status = exchange.status();
        statusClassCounts[statusClassIndex(status)].increment();
        if (status == TOO_MANY_REQUESTS) {
            rateLimited.increment();
        }
        recent.add(exchange);
    }

    static int statusClassIndex(int status) {
        if (status < 100 || status > 599) {
            return STATUS_CLASSES - 1;
        }
        return status / 100 - 1;
    }

    /** Clamps to the recorders' range, so an hour-long stream counts as 60 s instead of failing. */
    private static long toMicros(long nanos) {
        return Math.clamp(nanos / 1_000, 0, HIGHEST_MICROS);
    }

    long inFlight() {
        return Math.max(0, started.sum() - completed.sum());
    }

    Folded folded() {
        return folded;
    }

    RecentRing recent() {
        return recent;
    }

    void resizeRecent(int capacity) {
        recent = recent.resized(capacity);
    }

    /** True once the series has recorded anything; the overflow series is listed only then. */
    boolean everUsed() {
        return everUsed;
    }

    /**
     * Swaps the recorders, folds the interval into the cumulative histograms and returns this
     * interval's figures. The returned histogram stays valid until the next call.
     */
    IntervalSample sampleInterval(double intervalSeconds) {
        long[] now = new long[STATUS_CLASSES];
        long[] delta = new long[STATUS_CLASSES];
        for (int i = 0; i < STATUS_CLASSES; i++) {
            now[i] = statusClassCounts[i].sum();
            delta[i] = now[i] - statusCountsAtLastInterval[i];
            statusCountsAtLastInterval[i] = now[i];
        }
        long rateLimitedNow = rateLimited.sum();
        long rateLimitedDelta = rateLimitedNow - rateLimitedAtLastInterval;
        rateLimitedAtLastInterval = rateLimitedNow;

        latencyInterval = latencyMicros.getIntervalHistogram(latencyInterval);
        upstreamInterval = upstreamLatencyMicros.getIntervalHistogram(upstreamInterval);
        Folded previous = folded;
        folded = new Folded(routeId, now, previous.latencyTotals().plus(latencyInterval),
                previous.upstreamTotals().plus(upstreamInterval));

        long requests = latencyInterval.getTotalCount();
        everUsed |= requests > 0 || inFlight() > 0;
        StatusCounts statuses = new StatusCounts(delta[0], delta[1], delta[2], delta[3], delta[4]);
        return new IntervalSample(latencyInterval, figures(routeId, latencyInterval, intervalSeconds, statuses,
                rateLimitedDelta, inFlight()));
    }

    /** Builds the stream figures of one interval histogram recorded in microseconds. */
    static RouteMetrics figures(String routeId, Histogram latency, double intervalSeconds, StatusCounts statuses,
            long rateLimited, long inFlight) {
        long requests = latency.getTotalCount();
        double requestsPerSecond = requests / intervalSeconds;
        if (requests == 0) {
            return new RouteMetrics(routeId, 0, 0, 0, 0, 0, statuses, rateLimited, inFlight);
        }
        return new RouteMetrics(routeId, requestsPerSecond,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(95)),
                millis(latency.getValueAtPercentile(99)), millis(latency.getMaxValue()),
                statuses, rateLimited, inFlight);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    static Histogram newIntervalHistogram() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** One series' figures for the stream and its latency histogram for the totals. */
    record IntervalSample(Histogram latencyMicros, RouteMetrics figures) {}
}
