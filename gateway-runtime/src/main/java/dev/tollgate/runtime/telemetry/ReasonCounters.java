package dev.tollgate.runtime.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters keyed by a short reason string, bounded so that unexpected reasons cannot grow the
 * number of Prometheus series without limit: past {@code maxReasons} they count as {@value #OTHER}.
 */
final class ReasonCounters {

    static final String OTHER = "other";

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final int maxReasons;

    ReasonCounters(int maxReasons) {
        this.maxReasons = maxReasons;
    }

    void increment(String reason) {
        String key = reason == null || reason.isBlank() ? "unknown" : reason;
        LongAdder counter = counters.get(key);
        if (counter == null) {
            counter = counters.size() >= maxReasons
                    ? counters.computeIfAbsent(OTHER, ignored -> new LongAdder())
                    : counters.computeIfAbsent(key, ignored -> new LongAdder());
        }
        counter.increment();
    }

    /** Returns the counts sorted by reason. */
    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((reason, counter) -> sorted.put(reason, counter.sum()));
        return sorted;
    }
}
