package dev.tollgate.runtime.upstream;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts events over a sliding window of {@value #BUCKETS} one-second buckets, lock-free.
 *
 * <p>Each bucket is one {@code long}: the bucket's second (low 31 bits of epoch seconds) in the high
 * half and its count in the low half. An increment that finds an older second in the slot starts
 * the bucket over at 1 with one compare-and-set, so a stale count is never mixed into a new
 * second. Buckets older than the window are skipped when summing.
 */
final class RequestWindow {

    static final int BUCKETS = 10;
    static final long BUCKET_MILLIS = 1_000;
    static final long WINDOW_MILLIS = BUCKETS * BUCKET_MILLIS;

    private static final long SECOND_MASK = 0x7fff_ffffL;
    private static final long COUNT_MASK = 0xffff_ffffL;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

    void increment(long nowMillis) {
        long second = secondOf(nowMillis);
        int slot = (int) (second % BUCKETS);
        while (true) {
            long packed = buckets.get(slot);
            long next = (packed >>> 32) == second ? packed + 1 : (second << 32) | 1;
            if ((next & COUNT_MASK) == 0) {
                return; // saturated at 2^32 - 1 in one second
            }
            if (buckets.compareAndSet(slot, packed, next)) {
                return;
            }
        }
    }

    /**
     * Increments the current bucket only while the window's sum stays below {@code limit}.
     *
     * @return false, counting nothing, when the window already contains {@code limit} events
     */
    boolean incrementIfBelow(long nowMillis, long limit) {
        long second = secondOf(nowMillis);
        int slot = (int) (second % BUCKETS);
        while (true) {
            long packed = buckets.get(slot);
            if (sum(nowMillis) >= limit) {
                return false;
            }
            long current = (packed >>> 32) == second ? packed & COUNT_MASK : 0;
            long next = (second << 32) | (current + 1);
            if (buckets.compareAndSet(slot, packed, next)) {
                return true;
            }
        }
    }

    /** Returns the number of events in the last {@link #WINDOW_MILLIS}, the current second included. */
    long sum(long nowMillis) {
        long second = secondOf(nowMillis);
        long total = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            long packed = buckets.get(slot);
            long age = (second - (packed >>> 32)) & SECOND_MASK;
            if (packed != 0 && age < BUCKETS) {
                total += packed & COUNT_MASK;
            }
        }
        return total;
    }

    private static long secondOf(long nowMillis) {
        return Math.floorDiv(nowMillis, BUCKET_MILLIS) & SECOND_MASK;
    }
}
