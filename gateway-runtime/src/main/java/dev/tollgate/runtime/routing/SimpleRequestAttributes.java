package dev.tollgate.runtime.routing;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable {@link RequestAttributes} built from plain values, for tools that ask "which route
 * would take this request" and for tests. Each {@code withX} method returns a copy.
 */
public final class SimpleRequestAttributes implements RequestAttributes {

    private final String host;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final QueryParameters query;

    private SimpleRequestAttributes(String host, String method, String path, Map<String, String> headers,
            QueryParameters query) {
        this.host = host;
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.query = query;
    }

    /**
     * Creates a request without headers or query.
     *
     * @param host host name in any case, with or without a port, or null for none
     * @param path a normalised path. Pass a raw one through {@link PathNormalizer#normalize} first.
     */
    public static SimpleRequestAttributes of(String method, String host, String path) {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with \"/\", was " + path);
        }
        return new SimpleRequestAttributes(hostWithoutPort(host), method.toUpperCase(Locale.ROOT), path,
                new TreeMap<>(String.CASE_INSENSITIVE_ORDER), QueryParameters.EMPTY);
    }

    /** Returns a copy whose header {@code name} has {@code value} as its first value. */
    public SimpleRequestAttributes withHeader(String name, String value) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, value);
        return new SimpleRequestAttributes(host, method, path, copy, query);
    }

    /** Returns a copy with the raw query string {@code rawQuery}, without the leading {@code ?}. */
    public SimpleRequestAttributes withQuery(String rawQuery) {
        return new SimpleRequestAttributes(host, method, path, headers, QueryParameters.parse(rawQuery));
    }

    private static String hostWithoutPort(String host) {
        if (host == null) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        boolean bracketedIpv6 = lower.startsWith("[");
        if (colon > 0 && (!bracketedIpv6 || lower.lastIndexOf(']') < colon)) {
            return lower.substring(0, colon);
        }
        return lower;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String queryParameter(String name) {
        return query.first(name);
    }

    @Override
    public String toString() {
        return method + " " + (host == null ? "" : "//" + host) + path + (query.rawQuery().isEmpty() ? "" : "?" + query);
    }
}
