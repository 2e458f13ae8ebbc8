package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The declarative document an operator reviews in a pull request: everything a gateway serves.
 * YAML on disk and JSON over the admin API use this one schema.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayConfig(GatewaySettings gateway, List<Upstream> upstreams, List<Route> routes) {

    public GatewayConfig {
        gateway = gateway == null ? GatewaySettings.DEFAULTS : gateway;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public static GatewayConfig empty() {
        return new GatewayConfig(null, null, null);
    }

    public Optional<Upstream> upstream(String id) {
        return upstreams.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public Optional<Route> route(String id) {
        return routes.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public GatewayConfig withUpstreams(List<Upstream> newUpstreams) {
        return new GatewayConfig(gateway, newUpstreams, routes);
    }

    public GatewayConfig withRoutes(List<Route> newRoutes) {
        return new GatewayConfig(gateway, upstreams, newRoutes);
    }

    public GatewayConfig withGateway(GatewaySettings newGateway) {
        return new GatewayConfig(newGateway, upstreams, routes);
    }
}
