package dev.tollgate.runtime.telemetry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Replaces the values of sensitive query parameters in a request target with {@value #REDACTED}.
 * Names match case-insensitively, after percent-decoding, so {@code ?API%5FKEY=x} is caught too.
 * A target without a sensitive parameter is returned as the same instance, without allocating.
 * The access log and recent traffic both redact through this class.
 */
public final class QueryRedactor {

    public static final String REDACTED = "REDACTED";

    private final List<String> sensitiveNames;

    QueryRedactor(List<String> sensitiveNames) {
        this.sensitiveNames = sensitiveNames.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    String redact(String pathAndQuery) {
        return redact(pathAndQuery, sensitiveNames);
    }

    /**
     * Redacts the values of the query parameters named in {@code sensitiveNames}, compared
     * case-insensitively after percent-decoding. A name with a malformed escape counts as sensitive.
     */
    public static String redact(String pathAndQuery, Collection<String> sensitiveNames) {
        if (pathAndQuery == null || sensitiveNames.isEmpty()) {
            return pathAndQuery;
        }
        int queryStart = pathAndQuery.indexOf('?');
        if (queryStart < 0 || !containsSensitiveValue(pathAndQuery, queryStart + 1, sensitiveNames)) {
            return pathAndQuery;
        }
        return rewrite(pathAndQuery, queryStart + 1, sensitiveNames);
    }

    private static boolean containsSensitiveValue(String target, int queryStart, Collection<String> sensitiveNames) {
        int start = queryStart;
        while (start <= target.length()) {
            int end = parameterEnd(target, start);
            int equals = indexOf(target, '=', start, end);
            if (equals >= 0 && isSensitive(target, start, equals, sensitiveNames)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static String rewrite(String target, int queryStart, Collection<String> sensitiveNames) {
        StringBuilder redacted = new StringBuilder(target.length() + 8).append(target, 0, queryStart);
        int start = queryStart;
        while (start <= target.length()) {
            int end = parameterEnd(target, start);
            int equals = indexOf(target, '=', start, end);
            if (equals >= 0 && isSensitive(target, start, equals, sensitiveNames)) {
                redacted.append(target, start, equals + 1).append(REDACTED);
            } else {
                redacted.append(target, start, end);
            }
            if (end < target.length()) {
                redacted.append('&');
            }
            start = end + 1;
        }
        return redacted.toString();
    }

    private static int parameterEnd(String target, int start) {
        int ampersand = target.indexOf('&', start);
        return ampersand < 0 ? target.length() : ampersand;
    }

    private static boolean isSensitive(String target, int nameStart, int nameEnd, Collection<String> sensitiveNames) {
        int length = nameEnd - nameStart;
        if (indexOf(target, '%', nameStart, nameEnd) >= 0 || indexOf(target, '+', nameStart, nameEnd) >= 0) {
            String decoded = decode(target.substring(nameStart, nameEnd));
            return decoded == null || isSensitiveName(decoded, sensitiveNames);
        }
        for (String name : sensitiveNames) {
            if (name.length() == length && target.regionMatches(true, nameStart, name, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the index of {@code character} in {@code text[from, to)}, or -1. */
    private static int indexOf(String text, char character, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == character) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSensitiveName(String decodedName, Collection<String> sensitiveNames) {
        for (String name : sensitiveNames) {
            if (name.equalsIgnoreCase(decodedName)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A malformed escape cannot be compared reliably, so treat the value as sensitive.
            return null;
        }
    }
}
