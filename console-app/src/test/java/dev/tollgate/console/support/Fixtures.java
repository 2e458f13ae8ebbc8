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

    public static MetricsEvent metrics(Instant at, double ordersRps, double usersRps, long serverErrors) {
        RouteMetrics orders = new RouteMetrics("orders", ordersRps, 12, 40, 80, 120,
                new StatusCounts(0, (long) ordersRps - serverErrors, 0, 0, serverErrors), 0, 1);
        RouteMetrics users = new RouteMetrics("users", usersRps, 5, 9, 15, 30, new StatusCounts(0, (long) usersRps, 0, 0, 0), 0, 0);
        RouteMetrics totals = new RouteMetrics("*", ordersRps + usersRps, 8, 35, 75, 120,
                orders.statuses().plus(users.statuses()), 0, 1);
        return new MetricsEvent(at, 1000, "node-a", 1, totals, List.of(orders, users), 0);
    }
}
