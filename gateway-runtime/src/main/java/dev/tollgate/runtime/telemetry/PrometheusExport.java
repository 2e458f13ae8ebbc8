package dev.tollgate.runtime.telemetry;

import java.util.List;
import java.util.Map;

/** Writes every Tollgate metric family for {@code /metrics}. */
final class PrometheusExport {

    private PrometheusExport() {}

    static String write(Telemetry telemetry, StreamHub hub) {
        PrometheusText text = new PrometheusText();
        List<RouteSeries> series = telemetry.routeSeriesForExport();
        List<RouteSeries.Folded> folded = series.stream().map(RouteSeries::folded).toList();

        writeRequestCounts(text, folded);
        writeHistogram(text, "tollgate_request_duration_seconds",
                "Time from the request's arrival until the last response byte, by route.", folded, false);
        writeHistogram(text, "tollgate_upstream_duration_seconds",
                "Time from sending the request upstream until the response head arrived, by route.", folded, true);

        text.family("tollgate_requests_in_flight", "gauge", "Exchanges started and not yet completed, by route.");
        for (RouteSeries route : series) {
            if (!route.routeId.equals(Telemetry.UNMATCHED_ROUTE)) {
                text.sample("tollgate_requests_in_flight", route.inFlight(), "route", route.routeId);
            }
        }

        text.family("tollgate_config_revision", "gauge", "Config revision this node serves.")
                .sample("tollgate_config_revision", telemetry.configRevision());
        writeReasons(text, "tollgate_admin_auth_failures_total", "Rejected admin API requests, by reason.",
                telemetry.authFailures().snapshot());
        writeReasons(text, "tollgate_gateway_failures_total",
                "Responses the gateway produced itself instead of an upstream, by reason.",
                telemetry.gatewayFailures().snapshot());

        text.family("tollgate_stream_subscribers", "gauge", "Open live-stream connections.")
                .sample("tollgate_stream_subscribers", hub.subscriberCount());
        text.family("tollgate_stream_events_total", "counter", "Events published on the live stream.")
                .sample("tollgate_stream_events_total", hub.eventsPublished());
        text.family("tollgate_stream_slow_disconnects_total", "counter",
                        "Live-stream subscribers disconnected because they fell behind.")
                .sample("tollgate_stream_slow_disconnects_total", hub.slowConsumerDisconnects());

        JvmMetrics.write(text);
        return text.toString();
    }

    private static void writeRequestCounts(PrometheusText text, List<RouteSeries.Folded> series) {
        text.family("tollgate_requests_total", "counter", "Completed exchanges by route and status class."
                + " Updated each interval together with tollgate_request_duration_seconds.");
        for (RouteSeries.Folded route : series) {
            for (int i = 0; i < RouteSeries.STATUS_CLASSES; i++) {
                long count = route.statusClassCounts()[i];
                boolean outsideStandardClasses = i == RouteSeries.STATUS_CLASSES - 1;
                if (outsideStandardClasses && count == 0) {
                    continue;
                }
                text.sample("tollgate_requests_total", count,
                        "route", route.routeId(), "status_class", RouteSeries.STATUS_CLASS_LABELS[i]);
            }
        }
    }

    private static void writeHistogram(PrometheusText text, String name, String help, List<RouteSeries.Folded> series,
            boolean upstream) {
        text.family(name, "histogram", help + " Folded from HdrHistogram each interval (3 significant digits).");
        for (RouteSeries.Folded route : series) {
            LatencyBuckets.Cumulative totals = upstream ? route.upstreamTotals() : route.latencyTotals();
            long[] buckets = totals.bucketCounts();
            for (int i = 0; i < buckets.length; i++) {
                text.sample(name + "_bucket", buckets[i], "route", route.routeId(),
                        "le", LatencyBuckets.UPPER_BOUND_LABELS[i]);
            }
            text.sample(name + "_bucket", totals.count(), "route", route.routeId(), "le", "+Inf");
            text.sample(name + "_sum", totals.sumSeconds(), "route", route.routeId());
            text.sample(name + "_count", totals.count(), "route", route.routeId());
        }
    }

    private static void writeReasons(PrometheusText text, String name, String help, Map<String, Long> counts) {
        text.family(name, "counter", help);
        counts.forEach((reason, count) -> text.sample(name, count, "reason", reason));
    }
}
