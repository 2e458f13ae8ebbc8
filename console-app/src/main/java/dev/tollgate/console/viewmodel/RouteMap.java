package dev.tollgate.console.viewmodel;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route map as four layers, left to right: what requests look like (hosts and paths), routes,
 * upstreams, targets. Nodes are keyed so a view can place and connect them.
 */
public record RouteMap(List<Node> entries, List<Node> routes, List<Node> upstreams, List<Node> targets, List<Edge> edges) {

    public enum Layer { ENTRY, ROUTE, UPSTREAM, TARGET }

    public record Node(String key, Layer layer, String label) {}

    public record Edge(String fromKey, String toKey) {}

    public static final RouteMap EMPTY = new RouteMap(List.of(), List.of(), List.of(), List.of(), List.of());

    public static String routeKey(String routeId) {
        return "route:" + routeId;
    }

    public static RouteMap of(GatewayConfig config) {
        Map<String, Node> entries = new LinkedHashMap<>();
        List<Node> routes = new ArrayList<>();
        Map<String, Node> upstreams = new LinkedHashMap<>();
        Map<String, Node> targets = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();

        for (Route route : config.routes()) {
            String entryLabel = entryLabel(route);
            String entryKey = "entry:" + entryLabel;
            entries.putIfAbsent(entryKey, new Node(entryKey, Layer.ENTRY, entryLabel));
            String routeKey = routeKey(route.id());
            routes.add(new Node(routeKey, Layer.ROUTE, route.id()));
            edges.add(new Edge(entryKey, routeKey));
            if (route.upstream() != null) {
                String upstreamKey = "upstream:" + route.upstream();
                upstreams.putIfAbsent(upstreamKey, new Node(upstreamKey, Layer.UPSTREAM, route.upstream()));
                edges.add(new Edge(routeKey, upstreamKey));
            }
        }
        for (Upstream upstream : config.upstreams()) {
            String upstreamKey = "upstream:" + upstream.id();
            upstreams.putIfAbsent(upstreamKey, new Node(upstreamKey, Layer.UPSTREAM, upstream.id()));
        }
        // Targets follow the order of the upstream column, which follows the routes, so few edges cross.
        for (Node upstreamNode : upstreams.values()) {
            Upstream upstream = config.upstream(upstreamNode.label()).orElse(null);
            if (upstream == null) {
                continue;
            }
            String upstreamKey = upstreamNode.key();
            for (Target target : upstream.targets()) {
                String targetKey = "target:" + upstream.id() + ":" + target.url();
                targets.putIfAbsent(targetKey, new Node(targetKey, Layer.TARGET, target.url() + "  ×" + target.weight()));
                edges.add(new Edge(upstreamKey, targetKey));
            }
        }
        return new RouteMap(List.copyOf(entries.values()), List.copyOf(routes), List.copyOf(upstreams.values()),
                List.copyOf(targets.values()), List.copyOf(edges));
    }

    private static String entryLabel(Route route) {
        String hosts = route.match().hosts().isEmpty() ? "any host" : String.join(", ", route.match().hosts());
        String paths = route.match().paths().isEmpty() ? "any path" : String.join(", ", route.match().paths());
        String methods = route.match().methods().isEmpty() ? "" : String.join(",", route.match().methods()) + " ";
        return hosts + "  " + methods + paths;
    }
}
