package dev.tollgate.console.viewmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The route editor's inputs, and how violation field paths map onto them. */
public enum EditorField {
    ID, PATHS, METHODS, HOSTS, HEADERS, QUERY, UPSTREAM, BALANCER, TARGETS, REWRITE, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, PRIORITY;

    private static final Pattern ROUTE_FIELD = Pattern.compile("routes\\[(\\d+)]\\.?(.*)");
    private static final Pattern UPSTREAM_FIELD = Pattern.compile("upstreams\\[(\\d+)]\\.?(.*)");
    /** Field paths inside one route, by prefix, and the input that edits them. */
    private static final Map<String, EditorField> ROUTE_FIELD_PREFIXES = orderedMap(
            "id", ID, "upstream", UPSTREAM, "match.paths", PATHS, "match.methods", METHODS, "match.hosts", HOSTS,
            "match.headers", HEADERS, "match.query", QUERY, "rewrite", REWRITE, "timeouts.connectMillis", CONNECT_TIMEOUT,
            "timeouts.responseMillis", RESPONSE_TIMEOUT, "priority", PRIORITY);

    /**
     * Maps a violation's field path, such as {@code routes[2].match.paths[0]}, onto the input that
     * edits it. Returns empty when the path belongs to another route or upstream, or to no input.
     *
     * @param routeIndex index of the edited route in the document that was validated
     * @param upstreamIndex index of the edited upstream there, or -1
     */
    public static Optional<EditorField> forViolation(String field, int routeIndex, int upstreamIndex) {
        Matcher route = ROUTE_FIELD.matcher(field);
        if (route.matches()) {
            return Integer.parseInt(route.group(1)) == routeIndex ? routeField(route.group(2)) : Optional.empty();
        }
        Matcher upstream = UPSTREAM_FIELD.matcher(field);
        if (upstream.matches()) {
            return Integer.parseInt(upstream.group(1)) == upstreamIndex ? upstreamField(upstream.group(2)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<EditorField> routeField(String rest) {
        return ROUTE_FIELD_PREFIXES.entrySet().stream()
                .filter(prefix -> rest.startsWith(prefix.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static Optional<EditorField> upstreamField(String rest) {
        if (rest.equals("id")) {
            return Optional.of(UPSTREAM);
        }
        if (rest.startsWith("targets")) {
            return Optional.of(TARGETS);
        }
        if (rest.startsWith("balancer") || rest.startsWith("hashOn")) {
            return Optional.of(BALANCER);
        }
        return Optional.empty();
    }

    private static Map<String, EditorField> orderedMap(Object... prefixesAndFields) {
        Map<String, EditorField> map = new LinkedHashMap<>();
        for (int i = 0; i < prefixesAndFields.length; i += 2) {
            map.put((String) prefixesAndFields[i], (EditorField) prefixesAndFields[i + 1]);
        }
        return map;
    }
}
