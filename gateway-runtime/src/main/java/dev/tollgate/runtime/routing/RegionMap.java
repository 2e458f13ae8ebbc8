package dev.tollgate.runtime.routing;

import java.util.Map;

/**
 * An immutable open-addressing hash map from strings to values that is looked up by a region of
 * another string, so the router can find a path segment or a host suffix without taking a
 * substring. Optionally ignores ASCII case.
 */
final class RegionMap<V> {

    private static final RegionMap<Object> EMPTY = new RegionMap<>(new String[1], new Object[1], false, 1, 0);

    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final boolean ignoreCase;
    // Regions outside [minKeyLength, maxKeyLength] are rejected before hashing. This matters for
    // host suffixes: most wildcard lookups try a suffix far shorter than any configured one.
    private final int minKeyLength;
    private final int maxKeyLength;

    private RegionMap(String[] keys, Object[] values, boolean ignoreCase, int minKeyLength, int maxKeyLength) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.ignoreCase = ignoreCase;
        this.minKeyLength = minKeyLength;
        this.maxKeyLength = maxKeyLength;
    }

    @SuppressWarnings("unchecked")
    static <V> RegionMap<V> empty() {
        return (RegionMap<V>) EMPTY;
    }

    /** Copies {@code entries}. With {@code ignoreCase}, two keys must not differ only in case. */
    static <V> RegionMap<V> copyOf(Map<String, V> entries, boolean ignoreCase) {
        if (entries.isEmpty()) {
            return empty();
        }
        // A load factor of at most 0.5 keeps linear-probe chains short.
        int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
        String[] keys = new String[capacity];
        Object[] values = new Object[capacity];
        int mask = capacity - 1;
        int minKeyLength = Integer.MAX_VALUE;
        int maxKeyLength = 0;
        for (Map.Entry<String, V> entry : entries.entrySet()) {
            String key = entry.getKey();
            minKeyLength = Math.min(minKeyLength, key.length());
            maxKeyLength = Math.max(maxKeyLength, key.length());
            int slot = spread(hash(key, 0, key.length(), ignoreCase)) & mask;
            while (keys[slot] != null) {
                if (keys[slot].length() == key.length() && regionEquals(keys[slot], key, 0, key.length(), ignoreCase)) {
                    throw new IllegalArgumentException("duplicate key \"" + key + "\"");
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = entry.getValue();
        }
        return new RegionMap<>(keys, values, ignoreCase, minKeyLength, maxKeyLength);
    }

    /** Returns the value whose key equals {@code text[start, end)}, or null. */
    @SuppressWarnings("unchecked")
    V get(String text, int start, int end) {
        int length = end - start;
        if (length < minKeyLength || length > maxKeyLength) {
            return null;
        }
        int slot = spread(hash(text, start, end, ignoreCase)) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == length && regionEquals(key, text, start, end, ignoreCase)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    boolean isEmpty() {
        return this == EMPTY;
    }

    /**
     * Compares {@code key} with {@code text[start, end)}. Case folding is ASCII-only, unlike
     * {@link String#regionMatches(boolean, int, String, int, int)}, which would let the Kelvin
     * sign U+212A equal {@code k}.
     */
    private static boolean regionEquals(String key, String text, int start, int end, boolean ignoreCase) {
        for (int i = start, k = 0; i < end; i++, k++) {
            char a = key.charAt(k);
            char b = text.charAt(i);
            if (a != b && !(ignoreCase && toLowerAscii(a) == toLowerAscii(b))) {
                return false;
            }
        }
        return true;
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int hash(String text, int start, int end, boolean ignoreCase) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            h = 31 * h + (ignoreCase ? toLowerAscii(c) : c);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
