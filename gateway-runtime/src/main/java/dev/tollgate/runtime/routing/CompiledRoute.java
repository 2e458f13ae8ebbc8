package dev.tollgate.runtime.routing;

import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A route as the {@link Router} serves it: the configured {@link Route} plus its method, header
 * and query predicates and its path rewrite, prepared so that checking them allocates nothing.
 */
public final class CompiledRoute {

    private static final int GET = 1;
    private static final int HEAD = 1 << 1;
    private static final int POST = 1 << 2;
    private static final int PUT = 1 << 3;
    private static final int DELETE = 1 << 4;
    private static final int PATCH = 1 << 5;
    private static final int OPTIONS = 1 << 6;
    private static final int TRACE = 1 << 7;
    private static final int CONNECT = 1 << 8;

    private final Route config;
    private final int declarationIndex;
    private final int priority;
    private final boolean anyMethod;
    private final int methodBits;
    private final String[] otherMethods;
    private final String[] headerNames;
    private final String[] headerValues;
    private final String[] queryNames;
    private final String[] queryValues;
    private final PathRewrite rewrite;

    CompiledRoute(Route config, int declarationIndex) {
        this.config = config;
        this.declarationIndex = declarationIndex;
        this.priority = config.priorityOrDefault();

        RouteMatch match = config.match();
        this.anyMethod = match.methods().isEmpty();
        int bits = 0;
        List<String> others = new ArrayList<>();
        for (String method : match.methods()) {
            int bit = methodBit(method);
            if (bit == 0) {
                others.add(method);
            }
            bits |= bit;
        }
        this.methodBits = bits;
        this.otherMethods = others.toArray(String[]::new);

        this.headerNames = new String[match.headers().size()];
        this.headerValues = new String[match.headers().size()];
        fillPredicates(match.headers(), headerNames, headerValues);
        this.queryNames = new String[match.query().size()];
        this.queryValues = new String[match.query().size()];
        fillPredicates(match.query(), queryNames, queryValues);

        try {
            this.rewrite = PathRewrite.compile(config.rewrite(), match.paths());
        } catch (BadPathException e) {
            throw new IllegalArgumentException("route \"" + config.id() + "\" has an invalid rewrite: " + e.getMessage(), e);
        }
    }

    /** Stores each predicate's value, or null for {@code "*"}, which only requires presence. */
    private static void fillPredicates(Map<String, String> predicates, String[] names, String[] values) {
        int i = 0;
        for (Map.Entry<String, String> predicate : predicates.entrySet()) {
            names[i] = predicate.getKey();
            values[i] = RouteMatch.ANY_VALUE.equals(predicate.getValue()) ? null : predicate.getValue();
            i++;
        }
    }

    /** Returns the bit of a standard method (RFC 9110 section 9, and PATCH from RFC 5789), or 0 for any other. */
    static int methodBit(String method) {
        return switch (method) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "PATCH" -> PATCH;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "CONNECT" -> CONNECT;
            default -> 0;
        };
    }

    public String id() {
        return config.id();
    }

    public Route config() {
        return config;
    }

    public String upstreamId() {
        return config.upstream();
    }

    /** Position of the route in the configuration's route list, counted from 0. */
    public int declarationIndex() {
        return declarationIndex;
    }

    public int priority() {
        return priority;
    }

    /** True when the route changes the path it sends upstream. */
    public boolean rewritesPath() {
        return rewrite != null;
    }

    /**
     * Maps a path the upstream returned, for example in {@code Location}, back to the path the
     * client would send, by undoing {@code stripPrefix}, {@code replacePrefix} or a template. A
     * query or fragment after the path is kept as it is. Without a rewrite the path is returned
     * unchanged.
     *
     * @param upstreamPath an absolute path ({@code /...}), optionally followed by {@code ?query}
     *     or {@code #fragment}; no scheme or authority
     * @return the client-facing path, or null when the path lies outside the rewritten space: it
     *     does not start with the replacement prefix, or it does not fit the route's template. A
     *     template whose parameters do not fill whole segments, or that drops a parameter or the
     *     remainder of the route's patterns, cannot be inverted and also gives null.
     */
    public String restoreClientPath(String upstreamPath) {
        if (rewrite == null || upstreamPath == null) {
            return upstreamPath;
        }
        int suffixStart = indexOfQueryOrFragment(upstreamPath);
        String path = upstreamPath.substring(0, suffixStart);
        if (!path.startsWith("/")) {
            return null;
        }
        String restored = rewrite.restore(path);
        if (restored == null) {
            return null;
        }
        return restored.concat(upstreamPath.substring(suffixStart));
    }

    private static int indexOfQueryOrFragment(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return path.length();
    }

    PathRewrite rewrite() {
        return rewrite;
    }

    /** Checks the method, header and query predicates; the path was matched by the trie. */
    boolean accepts(RequestAttributes request, int methodBit) {
        return acceptsMethod(request.method(), methodBit) && acceptsHeaders(request) && acceptsQuery(request);
    }

    private boolean acceptsMethod(String method, int methodBit) {
        if (anyMethod || (methodBits & methodBit) != 0) {
            return true;
        }
        for (String other : otherMethods) {
            if (other.equals(method)) {
                return true;
            }
        }
        return false;
    }

    private boolean acceptsHeaders(RequestAttributes request) {
        for (int i = 0; i < headerNames.length; i++) {
            String actual = request.header(headerNames[i]);
            if (actual == null || (headerValues[i] != null && !headerValues[i].equals(actual))) {
                return false;
            }
        }
        return true;
    }

    private boolean acceptsQuery(RequestAttributes request) {
        for (int i = 0; i < queryNames.length; i++) {
            String actual = request.queryParameter(queryNames[i]);
            if (actual == null || (queryValues[i] != null && !queryValues[i].equals(actual))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "route " + config.id() + " (#" + declarationIndex + ")";
    }
}
