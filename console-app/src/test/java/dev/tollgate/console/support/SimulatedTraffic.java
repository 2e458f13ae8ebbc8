package dev.tollgate.console.support;

import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link FakeAdminServer} with what a data plane would report for its current document:
 * one metrics event per call and recent-request records whose target is the first weighted target
 * of each route's upstream. It lets UI tests watch traffic follow a route edit without a runtime.
 */
public final class SimulatedTraffic {

    private final FakeAdminServer server;
    private long requests;

    public SimulatedTraffic(FakeAdminServer server) {
        this.server = server;
    }

    /** Publishes one second of traffic ending at {@code at}; route {@code i} gets {@code 10 * (i + 1)} req/s with a few errors. */
    public void tick(Instant at) {
        GatewayConfig config = server.current();
        List<RouteMetrics> routes = new ArrayList<>();
        StatusCounts totalStatuses = StatusCounts.ZERO;
        double totalRps = 0;
        for (int i = 0; i < config.routes().size(); i++) {
            Route route = config.routes().get(i);
            double rps = 10.0 * (i + 1) + 3 * Math.sin(at.getEpochSecond() / 20.0 + i);
            long errors = (at.getEpochSecond() + i) % 7 == 0 ? 1 : 0;
            StatusCounts statuses = new StatusCounts(0, Math.round(rps) - errors - 1, 0, 1, errors);
            double base = 8 + 4 * i + 2 * Math.sin(at.getEpochSecond() / 30.0);
            routes.add(new RouteMetrics(route.id(), rps, base, base * 2.5, base * 4 + (errors > 0 ? 30 : 0), base * 6, statuses, 0, 1));
            totalStatuses = totalStatuses.plus(statuses);
            totalRps += rps;
            server.addTraffic(record(at, route, config, errors > 0 ? 502 : 200, base));
        }
        RouteMetrics totals = new RouteMetrics("*", totalRps, 9, 25, 45, 80, totalStatuses, 0, routes.size());
        server.publishMetrics(new MetricsEvent(at, 1000, "node-a", server.revision(), totals, routes, 0));
    }

    private TrafficRecord record(Instant at, Route route, GatewayConfig config, int status, double latencyMillis) {
        requests++;
        String target = config.upstream(route.upstream()).flatMap(upstream -> upstream.targets().stream()
                .filter(candidate -> candidate.weight() > 0).map(Target::url).findFirst()).orElse(null);
        String consumer = requests % 3 == 0 ? "globex" : "acme";
        String path = route.match().paths().isEmpty() ? "/" : route.match().paths().getFirst().replace("/**", "/42").replace("{id}", "7");
        return new TrafficRecord(at, "req-" + requests, route.id(), "GET", path, status, latencyMillis, latencyMillis - 1,
                target, consumer, consumer + "-key-1", 0, 512);
    }
}
