package dev.tollgate.runtime.telemetry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Replaces the values of sensitive query parameters in a request target with {@value #REDACTED}.
 * Names match case-insensitively, after percent-decoding, so {@code ?API%5FKEY=x} is caught too.
 * A target without a sensitive parameter is returned as the same instance, without allocating.
 */
final class QueryRedactor {

    static final String REDACTED = "REDACTED";

    private final String[] sensitiveNames;

    QueryRedactor(List<String> sensitiveNames) {
        this.sensitiveNames = sensitiveNames.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .toArray(String[]::new);
    }

    String redact(String pathAndQuery) {
        if (pathAndQuery == null || sensitiveNames.length == 0) {
            return pathAndQuery;
        }
        int queryStart = pathAndQuery.indexOf('?');
        if (queryStart < 0 || !containsSensitiveValue(pathAndQuery, queryStart + 1)) {
            return pathAndQuery;
        }
        return rewrite(pathAndQuery, queryStart + 1);
    }

    private boolean containsSensitiveValue(String target, int queryStart) {
        int start = queryStart;
        while (start <= target.length()) {
            int end = parameterEnd(target, start);
            int equals = indexOf(target, '=', start, end);
            if (equals >= 0 && isSensitive(target, start, equals)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private String rewrite(String target, int queryStart) {
        StringBuilder redacted = new StringBuilder(target.length() + 8).append(target, 0, queryStart);
        int start = queryStart;
        while (start <= target.length()) {
            int end = parameterEnd(target, start);
            int equals = indexOf(target, '=', start, end);
            if (equals >= 0 && isSensitive(target, start, equals)) {
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

    private boolean isSensitive(String target, int nameStart, int nameEnd) {
        int length = nameEnd - nameStart;
        if (indexOf(target, '%', nameStart, nameEnd) >= 0 || indexOf(target, '+', nameStart, nameEnd) >= 0) {
            String decoded = decode(target.substring(nameStart, nameEnd));
            return decoded == null || isSensitiveName(decoded);
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

    private boolean isSensitiveName(String decodedName) {
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
