package dev.tollgate.console.viewmodel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The route editor's inputs, and how violation field paths map onto them. */
public enum EditorField {
    ID, PATHS, METHODS, HOSTS, HEADERS, QUERY, UPSTREAM, BALANCER, TARGETS, REWRITE, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, PRIORITY;

    private static final Pattern ROUTE_FIELD = Pattern.compile("routes\\[(\\d+)]\\.?(.*)");
    private static final Pattern UPSTREAM_FIELD = Pattern.compile("upstreams\\[(\\d+)]\\.?(.*)");

    /**
     * Maps a violation's field path, such as {@code routes[2].match.paths[0]}, onto the input that
     * edits it; empty when the path belongs to another route or upstream or to no input.
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
        if (rest.equals("id")) {
            return Optional.of(ID);
        }
        if (rest.startsWith("upstream")) {
            return Optional.of(UPSTREAM);
        }
        if (rest.startsWith("match.paths")) {
            return Optional.of(PATHS);
        }
        if (rest.startsWith("match.methods")) {
            return Optional.of(METHODS);
        }
        if (rest.startsWith("match.hosts")) {
            return Optional.of(HOSTS);
        }
        if (rest.startsWith("match.headers")) {
            return Optional.of(HEADERS);
        }
        if (rest.startsWith("match.query")) {
            return Optional.of(QUERY);
        }
        if (rest.startsWith("rewrite")) {
            return Optional.of(REWRITE);
        }
        if (rest.startsWith("timeouts.connectMillis")) {
            return Optional.of(CONNECT_TIMEOUT);
        }
        if (rest.startsWith("timeouts.responseMillis")) {
            return Optional.of(RESPONSE_TIMEOUT);
        }
        if (rest.startsWith("priority")) {
            return Optional.of(PRIORITY);
        }
        return Optional.empty();
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
}
