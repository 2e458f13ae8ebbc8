package dev.tollgate.runtime.routing;

import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link Route} values for router tests with one call per field that matters. */
final class RouteBuilder {

    private final String id;
    private final List<String> paths = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private Integer priority;
    private Rewrite rewrite;

    private RouteBuilder(String id) {
        this.id = id;
    }

    static RouteBuilder route(String id) {
        return new RouteBuilder(id);
    }

    RouteBuilder paths(String... values) {
        paths.addAll(List.of(values));
        return this;
    }

    RouteBuilder methods(String... values) {
        methods.addAll(List.of(values));
        return this;
    }

    RouteBuilder hosts(String... values) {
        hosts.addAll(List.of(values));
        return this;
    }

    RouteBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RouteBuilder query(String name, String value) {
        query.put(name, value);
        return this;
    }

    RouteBuilder priority(int value) {
        priority = value;
        return this;
    }

    RouteBuilder stripPrefix(String prefix) {
        rewrite = new Rewrite(prefix, null, null);
        return this;
    }

    RouteBuilder replacePrefix(String from, String to) {
        rewrite = new Rewrite(null, new Rewrite.PrefixReplacement(from, to), null);
        return this;
    }

    RouteBuilder template(String template) {
        rewrite = new Rewrite(null, null, template);
        return this;
    }

    Route build() {
        RouteMatch match = new RouteMatch(paths, methods, hosts, headers, query);
        return new Route(id, match, "backend", rewrite, priority, null, null, null);
    }

    static Router router(RouteBuilder... routes) {
        List<Route> built = new ArrayList<>();
        for (RouteBuilder route : routes) {
            built.add(route.build());
        }
        return Router.compile(built);
    }
}
