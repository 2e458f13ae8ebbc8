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
 * Chooses the route for a request. Draft: the design notes follow with the final trie.
 */
public final class Router {

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
            root.catchAll.add(new Entry(route, new String[0], 0));
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
        String[] parameterNames = new String[segments.size()];
        int parameterCount = 0;
        NodeBuilder node = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameterNames[i] = segment.substring(1, segment.length() - 1);
                parameterCount++;
                if (node.parameter == null) {
                    node.parameter = new NodeBuilder();
                }
                node = node.parameter;
            } else {
                node = node.literals.computeIfAbsent(normalizeLiteral(route, pattern, segment), key -> new NodeBuilder());
            }
        }
        Entry entry = new Entry(route, parameterNames, parameterCount);
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

    private static Map<String, String> parameters(Entry entry, Lookup lookup) {
        if (entry.parameterCount == 0) {
            return Map.of();
        }
        Map<String, String> parameters = HashMap.newHashMap(entry.parameterCount);
        String path = lookup.path;
        int segmentStart = 1;
        for (int i = 0; i < entry.parameterNames.length; i++) {
            int segmentEnd = path.indexOf('/', segmentStart);
            if (segmentEnd < 0) {
                segmentEnd = path.length();
            }
            if (entry.parameterNames[i] != null) {
                parameters.put(entry.parameterNames[i], path.substring(segmentStart, segmentEnd));
            }
            segmentStart = segmentEnd + 1;
        }
        return parameters;
    }

    /** Number of routes compiled into this router. */
    public int size() {
        return routes.size();
    }

    /** The compiled routes in declaration order. */
    public List<CompiledRoute> routes() {
        return routes;
    }

    /** Returns the compiled route with this id, or null. */
    public CompiledRoute route(String id) {
        return routesById.get(id);
    }

    /** Per-call state of {@link #match}, so the recursive search takes one argument for it. */
    private record Lookup(RequestAttributes request, String path, int end, int methodBit) {}

    /** One path pattern of a route, as stored at the trie node where the pattern ends. */
    private record Entry(CompiledRoute route, String[] parameterNames, int parameterCount) {}

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
