package dev.tollgate.model.api;

import java.time.Instant;
import java.util.List;

/**
 * The live stream's {@code metrics} event, sent once per interval.
 *
 * @param totals every route together, with {@code routeId} {@code "*"}
 * @param unmatched requests that matched no route in the interval
 */
public record MetricsEvent(
        Instant at, long intervalMillis, String nodeId, long configRevision,
        RouteMetrics totals, List<RouteMetrics> routes, long unmatched) {}
