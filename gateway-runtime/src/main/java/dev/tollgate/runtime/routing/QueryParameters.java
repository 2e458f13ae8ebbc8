package dev.tollgate.runtime.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Read access to the parameters of a raw query string ({@code a=1&b=x%20y}). Parsing only keeps
 * the string, and each lookup scans it, so a request whose route checks no query parameter pays
 * nothing.
 *
 * <p>Names and values are decoded as {@code application/x-www-form-urlencoded}: {@code +} is a
 * space and {@code %xx} escapes are UTF-8 octets. A malformed escape is kept as written rather
 * than rejected, because the query is forwarded upstream unchanged and it is the upstream's to
 * judge. A parameter without {@code =} has the empty value.
 */
public final class QueryParameters {

    public static final QueryParameters EMPTY = new QueryParameters("");

    private final String rawQuery;

    private QueryParameters(String rawQuery) {
        this.rawQuery = rawQuery;
    }

    /** Wraps a raw query without its leading {@code ?}. Null or empty gives {@link #EMPTY}. */
    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        return new QueryParameters(rawQuery);
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** Returns the decoded first value of {@code name}, or null when the query lacks it. */
    public String first(String name) {
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = indexOf(rawQuery, '=', start, end);
                int nameEnd = equals < 0 ? end : equals;
                if (nameEquals(start, nameEnd, name)) {
                    return equals < 0 ? "" : decode(rawQuery, equals + 1, end);
                }
            }
            start = end + 1;
        }
        return null;
    }

    /** Returns every decoded value of {@code name} in query order, empty when the query lacks it. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = indexOf(rawQuery, '=', start, end);
                int nameEnd = equals < 0 ? end : equals;
                if (nameEquals(start, nameEnd, name)) {
                    values.add(equals < 0 ? "" : decode(rawQuery, equals + 1, end));
                }
            }
            start = end + 1;
        }
        return values;
    }

    private boolean nameEquals(int start, int end, String name) {
        if (needsDecoding(rawQuery, start, end)) {
            return decode(rawQuery, start, end).equals(name);
        }
        return end - start == name.length() && rawQuery.regionMatches(start, name, 0, name.length());
    }

    private static int indexOf(String text, char c, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean needsDecoding(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /** Decodes one form-encoded name or value, keeping a malformed escape as its literal text. */
    static String decode(String text, int start, int end) {
        if (!needsDecoding(text, start, end)) {
            return text.substring(start, end);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < end && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = text.codePointAt(i);
                byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return rawQuery;
    }
}
