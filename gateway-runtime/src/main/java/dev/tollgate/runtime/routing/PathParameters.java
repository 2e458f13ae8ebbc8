package dev.tollgate.runtime.routing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The {@code {name}} captures of one match as an immutable map over two arrays. The names array
 * belongs to the compiled pattern and is shared by every match, so a match allocates only the
 * values array and this object, where a {@link java.util.HashMap} would allocate a table and one
 * node per entry.
 */
final class PathParameters extends AbstractMap<String, String> {

    private final String[] names;
    private final String[] values;

    /** Takes ownership of both arrays. The names must be free of duplicates. */
    PathParameters(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
