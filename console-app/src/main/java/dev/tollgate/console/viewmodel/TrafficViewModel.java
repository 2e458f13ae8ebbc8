package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.TrafficQuery;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import dev.tollgate.model.api.TrafficRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Per-route latency and status-class history from the live stream, and the drill-down into recent
 * requests ({@code traffic/recent}) around a route or a moment, filterable by status and consumer.
 */
public final class TrafficViewModel {

    /** The pseudo route id of every route together, as in {@link MetricsEvent#totals()}. */
    public static final String ALL_ROUTES = "*";
    /** Consumer shown for a request that no credential identified. */
    public static final String ANONYMOUS = "anonymous";
    /** Requests within this distance of a clicked moment count as "around" it. */
    public static final Duration MOMENT_WINDOW = Duration.ofSeconds(5);
    static final int DRILL_DOWN_LIMIT = 500;

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;

    private final Map<String, RouteHistory> histories = new HashMap<>();
    private final ObservableList<String> routeIds = FXCollections.observableArrayList(ALL_ROUTES);
    private final StringProperty selectedRoute = new SimpleStringProperty(ALL_ROUTES);
    private final LongProperty historyVersion = new SimpleLongProperty();

    private final ObjectProperty<Instant> selectedMoment = new SimpleObjectProperty<>();
    private final StringProperty statusFilter = new SimpleStringProperty("");
    private final StringProperty consumerFilter = new SimpleStringProperty("");
    private final ObservableList<TrafficRecord> fetched = FXCollections.observableArrayList();
    private final ObservableList<TrafficRecord> records = FXCollections.observableArrayList();
    private final ObjectProperty<TrafficRecord> selectedRecord = new SimpleObjectProperty<>();
    private final StringProperty detail = new SimpleStringProperty("");
    private boolean drilledDown;
    private final StringProperty drillDownMessage = new SimpleStringProperty("Click a route or a moment on the chart to see its recent requests");

    public TrafficViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client) {
        this.tasks = tasks;
        this.client = client;
        statusFilter.addListener((observable, before, after) -> refetch());
        consumerFilter.addListener((observable, before, after) -> refetch());
        selectedRecord.addListener((observable, before, after) -> detail.set(describe(after)));
    }

    public void apply(List<MetricsEvent> batch) {
        for (MetricsEvent event : batch) {
            double intervalSeconds = event.intervalMillis() > 0 ? event.intervalMillis() / 1000.0 : 1.0;
            record(ALL_ROUTES, event.at(), intervalSeconds, event.totals());
            for (RouteMetrics route : event.routes()) {
                record(route.routeId(), event.at(), intervalSeconds, route);
            }
        }
        historyVersion.set(historyVersion.get() + 1);
    }

    public RouteHistory history(String routeId) {
        return histories.getOrDefault(routeId, new RouteHistory());
    }

    /** Fetches recent requests of the selected route, around {@code moment} when it is not null. */
    public void drillDown(String routeId, Instant moment) {
        AdminClient admin = client.getValue();
        if (admin == null) {
            drillDownMessage.set("Not connected");
            return;
        }
        String route = routeId == null || routeId.equals(ALL_ROUTES) ? null : routeId;
        selectedRoute.set(routeId == null ? ALL_ROUTES : routeId);
        selectedMoment.set(moment);
        String consumer = consumerFilter.get().isBlank() ? null : consumerFilter.get().trim();
        TrafficQuery query = new TrafficQuery(route, serverStatusFilter(statusFilter.get()), consumer, DRILL_DOWN_LIMIT);
        drilledDown = true;
        drillDownMessage.set("Loading recent requests…");
        tasks.run("load recent traffic", () -> admin.recentTraffic(query), loaded -> {
            fetched.setAll(loaded);
            applyFilters();
        }, failure -> drillDownMessage.set("Loading recent requests failed: " + failure.getMessage()));
    }

    /** Fetches again with the changed filters, because the runtime filters before it applies its limit. */
    private void refetch() {
        if (drilledDown && client.getValue() != null) {
            drillDown(selectedRoute.get(), selectedMoment.get());
        } else {
            applyFilters();
        }
    }

    /** Re-applies the status, consumer and moment filters to the requests already fetched. */
    public void applyFilters() {
        Predicate<TrafficRecord> filter = statusMatches(statusFilter.get()).and(consumerMatches(consumerFilter.get()))
                .and(aroundMoment(selectedMoment.get()));
        List<TrafficRecord> matching = fetched.stream().filter(filter)
                .sorted(Comparator.comparing(TrafficRecord::at).reversed())
                .toList();
        records.setAll(matching);
        String scope = selectedRoute.get().equals(ALL_ROUTES) ? "all routes" : "route " + selectedRoute.get();
        String around = selectedMoment.get() == null ? "" : " within " + MOMENT_WINDOW.toSeconds() + " s of " + selectedMoment.get();
        drillDownMessage.set(matching.size() + " of " + fetched.size() + " recent requests on " + scope + around);
    }

    static Predicate<TrafficRecord> statusMatches(String filter) {
        String trimmed = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            return record -> true;
        }
        if (trimmed.matches("[1-5]xx")) {
            int statusClass = trimmed.charAt(0) - '0';
            return record -> record.status() / 100 == statusClass;
        }
        Integer exact = exactStatus(trimmed);
        return exact == null ? record -> true : record -> record.status() == exact;
    }

    /** Returns the filter in the form the runtime accepts ({@code 503} or {@code 5xx}), or null to fetch every status. */
    static String serverStatusFilter(String filter) {
        String trimmed = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        return trimmed.matches("[1-5][0-9][0-9]|[1-5]xx") ? trimmed : null;
    }

    static Integer exactStatus(String filter) {
        String trimmed = filter == null ? "" : filter.trim();
        return trimmed.matches("[1-5][0-9][0-9]") ? Integer.valueOf(trimmed) : null;
    }

    private static Predicate<TrafficRecord> consumerMatches(String filter) {
        if (filter == null || filter.isBlank()) {
            return record -> true;
        }
        return record -> filter.trim().equals(record.consumerId());
    }

    private static Predicate<TrafficRecord> aroundMoment(Instant moment) {
        if (moment == null) {
            return record -> true;
        }
        return record -> record.at() != null && Duration.between(record.at(), moment).abs().compareTo(MOMENT_WINDOW) <= 0;
    }

    private void record(String routeId, Instant at, double seconds, RouteMetrics metrics) {
        RouteHistory history = histories.get(routeId);
        if (history == null) {
            history = new RouteHistory();
            histories.put(routeId, history);
            if (!routeIds.contains(routeId)) {
                routeIds.add(routeId);
            }
        }
        StatusCounts statuses = metrics.statuses();
        history.add(new RouteHistory.Sample(at, metrics.requestsPerSecond(), metrics.p50Millis(), metrics.p95Millis(),
                metrics.p99Millis(), statuses.success() / seconds, statuses.redirection() / seconds,
                statuses.clientError() / seconds, statuses.serverError() / seconds));
    }

    /** Returns the record's consumer id, or "anonymous" for a request no credential identified; the table and the details both use it. */
    public static String consumerLabel(TrafficRecord record) {
        return record.consumerId() == null ? ANONYMOUS : record.consumerId();
    }

    /**
     * Lists the configured routes, so a route appears before its first request: after every routes
     * load, which follows each config event. Routes that have history but are no longer configured stay
     * listed after them, so their last 15 minutes remain visible.
     */
    public void showRoutes(Collection<String> configuredRouteIds) {
        List<String> listed = new ArrayList<>();
        listed.add(ALL_ROUTES);
        listed.addAll(configuredRouteIds);
        histories.keySet().stream().filter(routeId -> !listed.contains(routeId)).forEach(listed::add);
        if (!routeIds.equals(listed)) {
            routeIds.setAll(listed);
        }
    }

    static String describe(TrafficRecord record) {
        if (record == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        line(text, "Time", record.at());
        line(text, "Request id", record.requestId());
        line(text, "Route", record.routeId());
        line(text, "Request", record.method() + " " + record.path());
        line(text, "Status", record.status());
        line(text, "Latency", String.format(Locale.ROOT, "%.1f ms", record.latencyMillis()));
        line(text, "Upstream latency", record.upstreamLatencyMillis() == null ? "not reached"
                : String.format(Locale.ROOT, "%.1f ms", record.upstreamLatencyMillis()));
        line(text, "Target", record.target() == null ? "none reached" : record.target());
        line(text, "Consumer", consumerLabel(record));
        line(text, "Credential", record.credentialId() == null ? "none" : record.credentialId());
        line(text, "Bytes in / out", record.requestBytes() + " / " + record.responseBytes());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, Object value) {
        text.append(label).append(": ").append(value).append('\n');
    }

    public ObservableList<String> routeIds() {
        return routeIds;
    }

    public StringProperty selectedRouteProperty() {
        return selectedRoute;
    }

    /** Increments after every applied batch, so charts know to redraw. */
    public LongProperty historyVersionProperty() {
        return historyVersion;
    }

    public ObjectProperty<Instant> selectedMomentProperty() {
        return selectedMoment;
    }

    /** Empty for all, a class such as {@code 5xx}, or an exact status such as {@code 503}. */
    public StringProperty statusFilterProperty() {
        return statusFilter;
    }

    public StringProperty consumerFilterProperty() {
        return consumerFilter;
    }

    public ObservableList<TrafficRecord> records() {
        return records;
    }

    public ObjectProperty<TrafficRecord> selectedRecordProperty() {
        return selectedRecord;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public StringProperty drillDownMessageProperty() {
        return drillDownMessage;
    }
}
