package dev.tollgate.console.viewmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ring buffer of one route's per-second samples: {@value #CAPACITY} points, 15 minutes at one
 * second. Writes happen on the UI thread only, so it needs no locking.
 */
public final class RouteHistory {

    public static final int CAPACITY = 900;

    private final Sample[] samples = new Sample[CAPACITY];
    private int next;
    private int size;

    /**
     * One interval of one route. Status rates are responses per second by class.
     */
    public record Sample(Instant at, double requestsPerSecond, double p50Millis, double p95Millis, double p99Millis,
            double success, double redirection, double clientError, double serverError) {}

    public void add(Sample sample) {
        samples[next] = sample;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    public int size() {
        return size;
    }

    /** Returns the sample at {@code index}, 0 being the oldest kept. */
    public Sample get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("history index " + index + " outside 0.." + (size - 1));
        }
        int oldest = size < CAPACITY ? 0 : next;
        return samples[(oldest + index) % CAPACITY];
    }

    public List<Sample> toList() {
        List<Sample> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(get(i));
        }
        return list;
    }
}
