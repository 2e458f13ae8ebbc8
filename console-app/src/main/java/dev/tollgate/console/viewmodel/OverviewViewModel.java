package dev.tollgate.console.viewmodel;

import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dashboard's figures, updated from each batch of {@code metrics} events. */
public final class OverviewViewModel {

    /** Points kept per route sparkline: one minute at one event per second. */
    public static final int SPARKLINE_POINTS = 60;

    private final DoubleProperty totalRequestsPerSecond = new SimpleDoubleProperty();
    private final DoubleProperty errorRatePercent = new SimpleDoubleProperty();
    private final DoubleProperty p99Millis = new SimpleDoubleProperty();
    private final IntegerProperty routeCount = new SimpleIntegerProperty();
    private final LongProperty rateLimitedPerInterval = new SimpleLongProperty();
    private final LongProperty eventsApplied = new SimpleLongProperty();
    private final StringProperty updateTiming = new SimpleStringProperty("");
    private final ObservableList<RouteSeries> routes = FXCollections.observableArrayList();
    private final Map<String, RouteSeries> routesById = new LinkedHashMap<>();

    /** Applies a batch in order; the figures show the last event, every event adds a sparkline point. */
    public void apply(List<MetricsEvent> batch) {
        Map<String, List<Double>> pointsByRoute = new LinkedHashMap<>();
        for (MetricsEvent event : batch) {
            for (RouteMetrics route : event.routes()) {
                pointsByRoute.computeIfAbsent(route.routeId(), id -> new ArrayList<>()).add(route.requestsPerSecond());
            }
        }
        pointsByRoute.forEach((routeId, points) -> series(routeId).addAll(points));
        MetricsEvent last = batch.getLast();
        RouteMetrics totals = last.totals();
        totalRequestsPerSecond.set(totals.requestsPerSecond());
        errorRatePercent.set(serverErrorPercent(totals.statuses()));
        p99Millis.set(totals.p99Millis());
        rateLimitedPerInterval.set(last.routes().stream().mapToLong(RouteMetrics::rateLimited).sum());
        eventsApplied.set(eventsApplied.get() + batch.size());
    }

    /** Shows a sparkline for every configured route, also those without traffic yet. */
    public void showRoutes(Collection<String> routeIds) {
        routeCount.set(routeIds.size());
        for (String routeId : routeIds) {
            series(routeId);
        }
        routes.removeIf(series -> !routeIds.contains(series.routeId()));
        routesById.keySet().retainAll(routeIds);
    }

    static double serverErrorPercent(StatusCounts statuses) {
        long total = statuses.total();
        return total == 0 ? 0 : 100.0 * statuses.serverError() / total;
    }

    private RouteSeries series(String routeId) {
        return routesById.computeIfAbsent(routeId, id -> {
            RouteSeries series = new RouteSeries(id);
            routes.add(series);
            return series;
        });
    }

    public DoubleProperty totalRequestsPerSecondProperty() {
        return totalRequestsPerSecond;
    }

    /** Share of responses with a 5xx status in the last interval, in percent. */
    public DoubleProperty errorRatePercentProperty() {
        return errorRatePercent;
    }

    public DoubleProperty p99MillisProperty() {
        return p99Millis;
    }

    public IntegerProperty routeCountProperty() {
        return routeCount;
    }

    public LongProperty rateLimitedPerIntervalProperty() {
        return rateLimitedPerInterval;
    }

    public LongProperty eventsAppliedProperty() {
        return eventsApplied;
    }

    /** Summary text of the UI thread's time per live update, from {@link FxUpdateStats}. */
    public StringProperty updateTimingProperty() {
        return updateTiming;
    }

    public ObservableList<RouteSeries> routes() {
        return routes;
    }

    /** One route's requests per second, newest last, at most {@link #SPARKLINE_POINTS} points. */
    public static final class RouteSeries {

        private final String routeId;
        private final ObservableList<Double> points = FXCollections.observableArrayList();

        RouteSeries(String routeId) {
            this.routeId = routeId;
        }

        /** Appends a batch in one list change; of a long burst only the newest points are kept. */
        void addAll(List<Double> requestsPerSecond) {
            List<Double> newest = requestsPerSecond.size() > SPARKLINE_POINTS
                    ? requestsPerSecond.subList(requestsPerSecond.size() - SPARKLINE_POINTS, requestsPerSecond.size())
                    : requestsPerSecond;
            int overflow = points.size() + newest.size() - SPARKLINE_POINTS;
            if (overflow > 0) {
                points.remove(0, overflow);
            }
            points.addAll(newest);
        }

        public String routeId() {
            return routeId;
        }

        public ObservableList<Double> points() {
            return points;
        }
    }
}
