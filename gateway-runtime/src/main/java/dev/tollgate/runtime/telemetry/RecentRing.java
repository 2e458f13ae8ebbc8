package dev.tollgate.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size ring of one route's most recent exchanges. Writers claim a slot with one atomic
 * increment and overwrite the oldest entry, and readers copy whatever the slots contain. A reader racing a
 * writer may miss the entry being written, which is acceptable for a drill-down view.
 */
final class RecentRing {

    static final RecentRing DISABLED = new RecentRing(0);

    private final AtomicReferenceArray<CompletedExchange> slots;
    private final AtomicLong nextSlot = new AtomicLong();

    RecentRing(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    int capacity() {
        return slots.length();
    }

    void add(CompletedExchange exchange) {
        int capacity = slots.length();
        if (capacity == 0) {
            return;
        }
        long slot = nextSlot.getAndIncrement();
        slots.setRelease((int) (slot % capacity), exchange);
    }

    /** Returns the entries, oldest first. */
    List<CompletedExchange> snapshot() {
        int capacity = slots.length();
        long next = nextSlot.get();
        long first = Math.max(0, next - capacity);
        List<CompletedExchange> entries = new ArrayList<>((int) (next - first));
        for (long slot = first; slot < next; slot++) {
            CompletedExchange exchange = slots.getAcquire((int) (slot % capacity));
            if (exchange != null) {
                entries.add(exchange);
            }
        }
        return entries;
    }

    /** Returns a ring of {@code capacity} holding the newest entries of this one. */
    RecentRing resized(int capacity) {
        if (capacity == capacity()) {
            return this;
        }
        RecentRing resized = capacity == 0 ? DISABLED : new RecentRing(capacity);
        List<CompletedExchange> entries = snapshot();
        for (CompletedExchange exchange : entries.subList(Math.max(0, entries.size() - capacity), entries.size())) {
            resized.add(exchange);
        }
        return resized;
    }
}
