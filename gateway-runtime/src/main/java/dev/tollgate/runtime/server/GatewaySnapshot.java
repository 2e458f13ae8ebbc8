package dev.tollgate.runtime.server;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.runtime.proxy.RouteSettings;
import dev.tollgate.runtime.proxy.TrustedProxies;
import dev.tollgate.runtime.routing.Router;
import dev.tollgate.runtime.upstream.UpstreamPool;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the data plane serves from, compiled from one config revision and never changed
 * afterwards. {@link SnapshotHolder} swaps whole snapshots, so a request runs on one revision from
 * start to end.
 *
 * @param routes route id to the settings the proxy needs, resolved when the snapshot was compiled
 * @param pools upstream id to its pool; pools outlive snapshots and keep their health state
 * @param sensitiveQueryParameters lower-case query parameter names redacted in the access log
 */
public record GatewaySnapshot(
        long revision,
        GatewayConfig config,
        Router router,
        Map<String, RouteSettings> routes,
        Map<String, UpstreamPool> pools,
        TrustedProxies trustedProxies,
        Set<String> sensitiveQueryParameters) {

    public GatewaySnapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(router, "router");
        routes = Map.copyOf(routes);
        pools = Map.copyOf(pools);
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        sensitiveQueryParameters = Set.copyOf(sensitiveQueryParameters);
    }

    /** Returns the settings of a route of this snapshot, or null for an unknown id. */
    public RouteSettings routeSettings(String routeId) {
        return routes.get(routeId);
    }
}
