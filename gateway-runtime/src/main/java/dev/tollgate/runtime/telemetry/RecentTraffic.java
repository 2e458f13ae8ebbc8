package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.api.TrafficRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the recent-traffic rings of every series and turns matching exchanges into {@link TrafficRecord}s. */
final class RecentTraffic {

    /** Newest first: by completion time, the start plus the latency. */
    private static final Comparator<CompletedExchange> NEWEST_FIRST =
            Comparator.comparingLong(RecentTraffic::completedAtNanos).reversed();

    private RecentTraffic() {}

    static List<TrafficRecord> find(Telemetry telemetry, RecentTrafficQuery query) {
        List<RouteSeries> sources;
        if (query.routeId() == null) {
            sources = telemetry.routeSeriesForExport();
        } else {
            RouteSeries series = telemetry.trackedSeries(query.routeId());
            sources = series == null ? List.of() : List.of(series);
        }

        List<CompletedExchange> matching = new ArrayList<>();
        for (RouteSeries series : sources) {
            for (CompletedExchange exchange : series.recent().snapshot()) {
                if (query.matches(exchange)) {
                    matching.add(exchange);
                }
            }
        }
        matching.sort(NEWEST_FIRST);
        return matching.stream().limit(query.limit()).map(RecentTraffic::toRecord).toList();
    }

    private static long completedAtNanos(CompletedExchange exchange) {
        return exchange.startedAtEpochMillis() * 1_000_000 + exchange.latencyNanos();
    }

    static TrafficRecord toRecord(CompletedExchange exchange) {
        Double upstreamMillis = exchange.upstreamLatencyNanos() < 0 ? null : exchange.upstreamLatencyNanos() / 1e6;
        return new TrafficRecord(Instant.ofEpochMilli(exchange.startedAtEpochMillis()), exchange.requestId(),
                exchange.routeId(), exchange.method(), exchange.rawPathAndQuery(), exchange.status(),
                exchange.latencyNanos() / 1e6, upstreamMillis, exchange.target(), exchange.consumerId(),
                exchange.credentialId(), exchange.requestBytes(), exchange.responseBytes());
    }
}
