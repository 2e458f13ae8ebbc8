package dev.tollgate.demo;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Timeouts;
import dev.tollgate.model.config.Upstream;
import java.util.List;

/** The gateway document the demo seeds its data directory with, pointing at the sample services. */
public final class SampleConfig {

    private SampleConfig() {}

    /**
     * Builds the demo document: {@code /api/orders/**} to two orders instances weighted 2:1,
     * {@code /api/catalog/**} to the catalog, and {@code /api/recommendations/**} to the flaky
     * service with a 1 s response timeout, each with {@code /api} stripped. Every upstream has an
     * active health check on {@code /healthz}.
     */
    public static GatewayConfig forServices(SampleUpstreams services) {
        ActiveHealthCheck health = new ActiveHealthCheck(SampleService.HEALTH_PATH, 5_000L, 1_000L, null, null);

        Upstream orders = new Upstream("orders",
                List.of(new Target(services.uri("orders-1").toString(), 2), new Target(services.uri("orders-2").toString(), 1)),
                Balancer.ROUND_ROBIN, null, null, null, null, null, health, null, null);
        Upstream catalog = new Upstream("catalog", List.of(Target.of(services.uri("catalog").toString())),
                null, null, null, null, null, null, health, null, null);
        Upstream flaky = new Upstream("recommendations", List.of(Target.of(services.uri("flaky").toString())),
                null, null, null, null, null, null, health, null, null);

        Rewrite stripApi = new Rewrite("/api", null, null);
        Route ordersRoute = new Route("orders",
                new RouteMatch(List.of("/api/orders/**"), List.of("GET", "POST"), null, null, null),
                "orders", stripApi, null, null, null, null);
        Route catalogRoute = new Route("catalog", RouteMatch.paths("/api/catalog/**"),
                "catalog", stripApi, null, null, null, null);
        Route recommendationsRoute = new Route("recommendations", RouteMatch.paths("/api/recommendations/**"),
                "recommendations", stripApi, null, new Timeouts(null, 1_000L), null, null);

        return new GatewayConfig(null, List.of(orders, catalog, flaky), List.of(ordersRoute, catalogRoute, recommendationsRoute));
    }
}
