package dev.tollgate.console.support;

import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.time.Instant;
import java.util.List;

/** Documents and events the console tests share. */
public final class Fixtures {

    private Fixtures() {}

    /** Two routes on two upstreams: {@code orders} on {@code orders-v1}, {@code users} on {@code users}. */
    public static GatewayConfig twoRoutes() {
        return new GatewayConfig(null,
                List.of(Upstream.of("orders-v1", List.of(Target.of("http://127.0.0.1:9101"))),
                        Upstream.of("orders-v2", List.of(new Target("http://127.0.0.1:9102", 3))),
                        Upstream.of("users", List.of(Target.of("http://127.0.0.1:9201")))),
                List.of(new Route("orders", new RouteMatch(List.of("/orders/**"), List.of("GET", "POST"), List.of("api.example.test"), null, null),
                                "orders-v1", null, null, null, null, null),
                        Route.of("users", RouteMatch.paths("/users/{id}"), "users")));
    }

    /** Returns a fuller document for screenshots: five routes over five upstreams, with hosts, rewrites and weights. */
    public static GatewayConfig showcase() {
        return new GatewayConfig(null,
                List.of(Upstream.of("orders-v1", List.of(new Target("http://10.0.1.11:8080", 3), new Target("http://10.0.1.12:8080", 1))),
                        Upstream.of("orders-v2", List.of(Target.of("http://10.0.2.21:8080"))),
                        Upstream.of("users", List.of(Target.of("http://10.0.3.31:8080"), Target.of("http://10.0.3.32:8080"))),
                        Upstream.of("payments", List.of(Target.of("https://10.0.4.41:8443"))),
                        Upstream.of("search", List.of(Target.of("http://10.0.5.51:9200")))),
                List.of(new Route("orders", new RouteMatch(List.of("/orders/**"), List.of("GET", "POST"), List.of("api.example.test"), null, null),
                                "orders-v1", null, 10, new dev.tollgate.model.config.Timeouts(2000L, 5000L), null, null),
                        Route.of("users", new RouteMatch(List.of("/users/{id}"), List.of("GET"), List.of("api.example.test"), null, null), "users"),
                        new Route("payments", new RouteMatch(List.of("/pay/**"), List.of("POST"), List.of("pay.example.test"),
                                java.util.Map.of("X-Tenant", "*"), null), "payments",
                                new dev.tollgate.model.config.Rewrite("/pay", null, null), null, null, null, null),
                        Route.of("search", new RouteMatch(List.of("/search"), List.of("GET"), null, null, java.util.Map.of("q", "*")), "search"),
                        Route.of("orders-beta", new RouteMatch(List.of("/orders/**"), null, List.of("api.example.test"),
                                java.util.Map.of("X-Beta", "1"), null), "orders-v2")));
    }

    public static MetricsEvent metrics(Instant at, double ordersRps, double usersRps, long serverErrors) {
        RouteMetrics orders = new RouteMetrics("orders", ordersRps, 12, 40, 80, 120,
                new StatusCounts(0, (long) ordersRps - serverErrors, 0, 0, serverErrors), 0, 1);
        RouteMetrics users = new RouteMetrics("users", usersRps, 5, 9, 15, 30, new StatusCounts(0, (long) usersRps, 0, 0, 0), 0, 0);
        RouteMetrics totals = new RouteMetrics("*", ordersRps + usersRps, 8, 35, 75, 120,
                orders.statuses().plus(users.statuses()), 0, 1);
        return new MetricsEvent(at, 1000, "node-a", 1, totals, List.of(orders, users), 0);
    }
}
