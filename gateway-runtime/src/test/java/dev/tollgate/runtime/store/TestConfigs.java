package dev.tollgate.runtime.store;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.util.ArrayList;
import java.util.List;

/** Small valid documents for store and admin tests. */
public final class TestConfigs {

    private TestConfigs() {}

    /** Returns a document with one upstream {@code users} and one route {@code users} to it. */
    public static GatewayConfig users() {
        return new GatewayConfig(null,
                List.of(Upstream.of("users", List.of(Target.of("http://127.0.0.1:9001")))),
                List.of(Route.of("users", RouteMatch.paths("/users/**"), "users")));
    }

    /** {@link #users()} plus {@code count} extra routes named {@code r0}, {@code r1}, ... */
    public static GatewayConfig withRoutes(int count) {
        GatewayConfig base = users();
        List<Route> routes = new ArrayList<>(base.routes());
        for (int i = 0; i < count; i++) {
            routes.add(Route.of("r" + i, RouteMatch.paths("/r" + i + "/**"), "users"));
        }
        return base.withRoutes(routes);
    }

    public static String usersYaml() {
        return """
                upstreams:
                  - id: users
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: users
                    match:
                      paths: [/users/**]
                    upstream: users
                """;
    }
}
