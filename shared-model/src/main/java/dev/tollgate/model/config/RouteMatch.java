package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Conditions a request must meet for a route to take it. Every non-empty list must match; an empty
 * list matches anything.
 *
 * @param paths path patterns: exact segments, {@code {name}} for one segment, {@code /**} as the
 *     last segment for any remainder (including none)
 * @param methods HTTP methods, upper case
 * @param hosts exact host names or {@code *.suffix} wildcards, matched without the port
 * @param headers header name to required value; the value {@code "*"} only requires presence
 * @param query query parameter name to required value; {@code "*"} only requires presence
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RouteMatch(
        List<String> paths,
        List<String> methods,
        List<String> hosts,
        Map<String, String> headers,
        Map<String, String> query) {

    public static final String ANY_VALUE = "*";
    public static final RouteMatch ANY = new RouteMatch(null, null, null, null, null);

    public RouteMatch {
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public static RouteMatch paths(String... paths) {
        return new RouteMatch(List.of(paths), null, null, null, null);
    }
}
