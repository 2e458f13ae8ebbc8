package dev.tollgate.runtime.routing;

import dev.tollgate.model.config.Route;
import dev.tollgate.model.validation.PathPatterns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the route for a request: an immutable, thread-safe index of a configuration's routes,
 * compiled when a configuration is applied and then read by every request thread without locks.
 *
 * <h2>Precedence</h2>
 *
 * <p>A request gets the first route in this order whose predicates all accept it, or no route:
 *
 * <ol>
 *   <li><b>Host tier.</b> Routes listing the request's exact host come first. Next come routes
 *       with {@code *.suffix} wildcards, longest suffix first: for {@code a.b.example.test} the
 *       router tries {@code *.b.example.test}, then {@code *.example.test}, then {@code *.test}. A
 *       wildcard takes one or more labels, so {@code *.example.test} matches
 *       {@code a.example.test} and {@code a.b.example.test} but not {@code example.test}. Routes
 *       without hosts come last. Hosts compare without regard to ASCII case, and one trailing
 *       dot ({@code example.test.}) is ignored; the caller strips the port. The router moves to
 *       the next tier only when no route of the current tier accepts the request, so an
 *       exact-host route for {@code /**} beats a host-less route for {@code /very/specific/path}.
 *   <li><b>Path, within a tier.</b> Patterns are compared segment by segment from the left, and
 *       at each position a literal segment beats {@code {param}}, which beats the {@code **}
 *       catch-all. The first position where two patterns differ decides. So {@code /a/b/**}
 *       beats {@code /a/{x}/c} for {@code /a/b/c}, and among patterns that agree up to where one
 *       of them ends, the one with more segments wins: {@code /api/orders/**} beats
 *       {@code /api/**}, and {@code /api/orders} beats {@code /api/orders/**} for
 *       {@code /api/orders}.
 *   <li><b>Priority, then declaration order.</b> Routes whose patterns have the same shape
 *       (parameter names aside) are ordered by {@code priority}, higher first, then by their
 *       position in the configuration. Priority never overrides path specificity.
 *   <li><b>Predicates.</b> The method, header and query predicates filter candidates; they do
 *       not rank them. A route listing {@code GET} and a route allowing every method rank
 *       equally, and the order above decides between them. When a candidate's predicates fail,
 *       the search goes on with the next candidate in the order above: the next route of the
 *       same shape, then a less specific branch of the path, then the next host tier.
 * </ol>
 *
 * <p>Predicates: an empty method list allows every method. A header predicate names the header
 * in any case and requires the first value to equal the configured value exactly (values are
 * case-sensitive); the value {@code "*"} only requires presence, even with an empty value. Query
 * predicates work the same way on the first, percent-decoded value of the parameter; parameter
 * names are case-sensitive.
 *
 * <h2>Paths</h2>
 *
 * <p>The router matches the path produced by {@link PathNormalizer}, and literal segments of
 * patterns are normalised the same way when the router is compiled, so {@code /%7euser} in a
 * pattern matches the request path {@code /~user}. Further rules:
 *
 * <ul>
 *   <li><b>Trailing slash.</b> One trailing slash is ignored on both sides: the pattern
 *       {@code /api/orders} matches {@code /api/orders/}, and the pattern {@code /docs/} is the
 *       same as {@code /docs}. Strict matching would be a trap in a gateway: with a protected
 *       {@code /admin} route and a public {@code /**} route, {@code /admin/} would take the
 *       public route while most upstream frameworks serve it as {@code /admin}.
 *   <li>{@code {param}} takes exactly one non-empty segment. Normalised paths have no empty
 *       segments apart from the trailing slash, so this only matters for {@code /orders/},
 *       which {@code /orders/{id}} does not match.
 *   <li>{@code /api/**} matches {@code /api}, {@code /api/} and {@code /api/x/y}, never
 *       {@code /apix}: prefixes always end on a segment boundary. {@code /**} matches every
 *       path including {@code /}. A route without path patterns is treated as {@code /**}.
 *   <li>{@link RouteMatchResult#remainder()} is the part of the path after the segments before
 *       {@code **}: {@code ""} for {@code /api}, {@code "/"} for {@code /api/}, {@code "/x/y"}
 *       for {@code /api/x/y}. Parameter values and the remainder stay percent-encoded.
 * </ul>
 *
 * <h2>Structure and cost</h2>
 *
 * <p>Each host tier owns a segment trie. A trie node holds its literal children in a
 * {@link RegionMap} (a hash table looked up by a region of the request path, so descending takes
 * no substring), at most one parameter child, the routes whose pattern ends at the node, and the
 * routes whose pattern ends with {@code **} at the node. Both route lists are sorted by priority
 * and declaration order when the router is compiled. The exact and wildcard host tables are
 * {@code RegionMap}s as well, and a wildcard lookup tries each suffix of the host that starts at
 * a dot.
 *
 * <p>{@link #match} descends depth-first: literal child, then parameter child, then the node's
 * catch-all routes, returning the first route whose predicates accept the request. Its cost
 * depends on the number of path segments and host labels and on how far it has to backtrack,
 * not on the number of routes. A large configuration costs only through larger hash tables,
 * which miss the CPU caches more often (see {@code docs/benchmarks.md}). Many routes with one
 * pattern shape told apart only by predicates are checked one after another. A match allocates
 * the result, a small per-call state object, the parameter values when the pattern has
 * parameters, and the remainder string when it has {@code **}. It compiles no regular
 * expression and formats no string.
 */
public final class Router {

    private static final String[] NO_NAMES = {};
    private static final int[] NO_SEGMENTS = {};
    private static final Comparator<Entry> PRECEDENCE = Comparator
            .comparingInt((Entry entry) -> -entry.route.priority())
            .thenComparingInt(entry -> entry.route.declarationIndex());

    private final List<CompiledRoute> routes;
    private final Map<String, CompiledRoute> routesById;
    private final RegionMap<Node> exactHosts;
    private final RegionMap<Node> wildcardHosts;
    private final Node anyHost;

    private Router(List<CompiledRoute> routes, RegionMap<Node> exactHosts, RegionMap<Node> wildcardHosts, Node anyHost) {
        this.routes = routes;
        this.exactHosts = exactHosts;
        this.wildcardHosts = wildcardHosts;
        this.anyHost = anyHost;
        Map<String, CompiledRoute> byId = new HashMap<>();
        for (CompiledRoute route : routes) {
            byId.put(route.id(), route);
        }
        this.routesById = Map.copyOf(byId);
    }

    /**
     * Compiles routes that {@code ConfigValidator} accepted into an immutable router.
     *
     * @throws IllegalArgumentException when a route's pattern or rewrite cannot be compiled
     */
    public static Router compile(List<Route> routes) {
        List<CompiledRoute> compiled = new ArrayList<>(routes.size());
        Map<String, NodeBuilder> exact = new LinkedHashMap<>();
        Map<String, NodeBuilder> wildcard = new LinkedHashMap<>();
        NodeBuilder anyHost = null;
        for (int i = 0; i < routes.size(); i++) {
            Route config = routes.get(i);
            CompiledRoute route = new CompiledRoute(config, i);
            compiled.add(route);
            List<String> hosts = config.match().hosts();
            if (hosts.isEmpty()) {
                if (anyHost == null) {
                    anyHost = new NodeBuilder();
                }
                insertPaths(anyHost, route);
            }
            for (String host : hosts) {
                String lower = host.toLowerCase(Locale.ROOT);
                if (lower.startsWith("*.")) {
                    insertPaths(wildcard.computeIfAbsent(lower.substring(1), key -> new NodeBuilder()), route);
                } else {
                    insertPaths(exact.computeIfAbsent(lower, key -> new NodeBuilder()), route);
                }
            }
        }
        return new Router(List.copyOf(compiled), freezeAll(exact), freezeAll(wildcard), anyHost == null ? null : anyHost.freeze());
    }

    private static RegionMap<Node> freezeAll(Map<String, NodeBuilder> builders) {
        Map<String, Node> nodes = new HashMap<>();
        builders.forEach((key, builder) -> nodes.put(key, builder.freeze()));
        return RegionMap.copyOf(nodes, true);
    }

    private static void insertPaths(NodeBuilder root, CompiledRoute route) {
        List<String> patterns = route.config().match().paths();
        if (patterns.isEmpty()) {
            root.catchAll.add(new Entry(route, NO_NAMES, NO_SEGMENTS));
            return;
        }
        for (String pattern : patterns) {
            insertPattern(root, route, pattern);
        }
    }

    private static void insertPattern(NodeBuilder root, CompiledRoute route, String pattern) {
        List<String> segments = new ArrayList<>(PathPatterns.segments(pattern));
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            segments.removeLast();
        }
        boolean catchAll = !segments.isEmpty() && segments.getLast().equals(PathPatterns.CATCH_ALL);
        if (catchAll) {
            segments.removeLast();
        }
        List<String> parameterNames = new ArrayList<>();
        List<Integer> parameterSegments = new ArrayList<>();
        NodeBuilder node = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameterNames.add(segment.substring(1, segment.length() - 1));
                parameterSegments.add(i);
                if (node.parameter == null) {
                    node.parameter = new NodeBuilder();
                }
                node = node.parameter;
            } else {
                node = node.literals.computeIfAbsent(normalizeLiteral(route, pattern, segment), key -> new NodeBuilder());
            }
        }
        Entry entry = new Entry(route, parameterNames.toArray(String[]::new),
                parameterSegments.stream().mapToInt(Integer::intValue).toArray());
        (catchAll ? node.catchAll : node.exact).add(entry);
    }

    private static String normalizeLiteral(CompiledRoute route, String pattern, String segment) {
        try {
            return PathNormalizer.normalize("/" + segment).substring(1);
        } catch (BadPathException e) {
            throw new IllegalArgumentException("route \"" + route.id() + "\" has an invalid path \"" + pattern + "\": " + e.getMessage(), e);
        }
    }

    /** Returns the best route for the request, or null when no route matches. */
    public RouteMatchResult match(RequestAttributes request) {
        String path = request.path();
        Lookup lookup = new Lookup(request, path, path.endsWith("/") ? path.length() - 1 : path.length(),
                CompiledRoute.methodBit(request.method()));

        String host = request.host();
        if (host != null && !host.isEmpty()) {
            int hostEnd = host.endsWith(".") ? host.length() - 1 : host.length();
            Node exact = exactHosts.get(host, 0, hostEnd);
            if (exact != null) {
                RouteMatchResult result = search(exact, 0, lookup);
                if (result != null) {
                    return result;
                }
            }
            if (!wildcardHosts.isEmpty()) {
                for (int dot = host.indexOf('.', 1); dot >= 0 && dot < hostEnd; dot = host.indexOf('.', dot + 1)) {
                    Node wildcard = wildcardHosts.get(host, dot, hostEnd);
                    if (wildcard != null) {
                        RouteMatchResult result = search(wildcard, 0, lookup);
                        if (result != null) {
                            return result;
                        }
                    }
                }
            }
        }
        return anyHost == null ? null : search(anyHost, 0, lookup);
    }

    private static RouteMatchResult search(Node node, int position, Lookup lookup) {
        String path = lookup.path;
        int end = lookup.end;
        if (position >= end) {
            RouteMatchResult result = firstAccepted(node.exact, false, position, lookup);
            if (result != null) {
                return result;
            }
            return firstAccepted(node.catchAll, true, position, lookup);
        }

        int segmentStart = position + 1;
        int segmentEnd = path.indexOf('/', segmentStart);
        if (segmentEnd < 0 || segmentEnd > end) {
            segmentEnd = end;
        }
        Node literal = node.literals.get(path, segmentStart, segmentEnd);
        if (literal != null) {
            RouteMatchResult result = search(literal, segmentEnd, lookup);
            if (result != null) {
                return result;
            }
        }
        if (node.parameter != null && segmentEnd > segmentStart) {
            RouteMatchResult result = search(node.parameter, segmentEnd, lookup);
            if (result != null) {
                return result;
            }
        }
        return firstAccepted(node.catchAll, true, position, lookup);
    }

    private static RouteMatchResult firstAccepted(Entry[] entries, boolean catchAll, int position, Lookup lookup) {
        for (Entry entry : entries) {
            if (entry.route.accepts(lookup.request, lookup.methodBit)) {
                String remainder = catchAll ? lookup.path.substring(Math.min(position, lookup.path.length())) : "";
                return new RouteMatchResult(entry.route, parameters(entry, lookup), remainder);
            }
        }
        return null;
    }

    /** Cuts the parameter values out of the path, knowing which segments the pattern captures. */
    private static Map<String, String> parameters(Entry entry, Lookup lookup) {
        int[] captured = entry.parameterSegments;
        if (captured.length == 0) {
            return Map.of();
        }
        String path = lookup.path;
        String[] values = new String[captured.length];
        int segmentStart = 1;
        int segment = 0;
        for (int p = 0; p < captured.length; p++) {
            for (; segment < captured[p]; segment++) {
                segmentStart = path.indexOf('/', segmentStart) + 1;
            }
            int segmentEnd = path.indexOf('/', segmentStart);
            values[p] = path.substring(segmentStart, segmentEnd < 0 ? path.length() : segmentEnd);
        }
        return new PathParameters(entry.parameterNames, values);
    }

    /** Returns the number of routes in this router. */
    public int size() {
        return routes.size();
    }

    /** Returns the compiled routes in declaration order. */
    public List<CompiledRoute> routes() {
        return routes;
    }

    /** Returns the compiled route with this id, or null. */
    public CompiledRoute route(String id) {
        return routesById.get(id);
    }

    /** Per-call state of {@link #match}, so the recursive search takes one argument for it. */
    private record Lookup(RequestAttributes request, String path, int end, int methodBit) {}

    /**
     * One path pattern of a route, as stored at the trie node where the pattern ends.
     *
     * @param parameterNames names of the pattern's parameters, left to right
     * @param parameterSegments index of the path segment each parameter captures, counted from 0
     */
    private record Entry(CompiledRoute route, String[] parameterNames, int[] parameterSegments) {}

    private static final class Node {
        final RegionMap<Node> literals;
        final Node parameter;
        final Entry[] exact;
        final Entry[] catchAll;

        Node(RegionMap<Node> literals, Node parameter, Entry[] exact, Entry[] catchAll) {
            this.literals = literals;
            this.parameter = parameter;
            this.exact = exact;
            this.catchAll = catchAll;
        }
    }

    private static final class NodeBuilder {
        final Map<String, NodeBuilder> literals = new HashMap<>();
        NodeBuilder parameter;
        final List<Entry> exact = new ArrayList<>();
        final List<Entry> catchAll = new ArrayList<>();

        Node freeze() {
            Map<String, Node> children = new HashMap<>();
            literals.forEach((segment, child) -> children.put(segment, child.freeze()));
            return new Node(RegionMap.copyOf(children, false), parameter == null ? null : parameter.freeze(),
                    sorted(exact), sorted(catchAll));
        }

        private static Entry[] sorted(List<Entry> entries) {
            Entry[] array = entries.toArray(Entry[]::new);
            Arrays.sort(array, PRECEDENCE);
            return array;
        }
    }
}
