package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.Versioned;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes area: the searchable table, the editor, undo as a confirmed rollback to the previous revision,
 * and the route map with live requests per second and 5xx share per route.
 */
public final class RoutesViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesViewModel.class);

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;
    private final Consumer<List<String>> routeIdsListener;

    private final ObservableList<RouteRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<RouteRow> rows = new FilteredList<>(allRows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Versioned<GatewayConfig>> current = new SimpleObjectProperty<>();
    private final ObjectProperty<RouteMap> map = new SimpleObjectProperty<>(RouteMap.EMPTY);
    private final ObservableMap<String, Double> liveRequestsPerSecond = FXCollections.observableHashMap();
    private final ObservableMap<String, Double> liveServerErrorPercent = FXCollections.observableHashMap();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final RouteEditorViewModel editor;
    private final ObjectProperty<Long> undoTarget = new SimpleObjectProperty<>();
    private final RollbackConfirmation rollback;
    private boolean reloading;
    private boolean reloadEditor;

    /**
     * @param routeIdsListener receives the configured route ids after every load, for the dashboard
     */
    public RoutesViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client, Consumer<List<String>> routeIdsListener) {
        this.tasks = tasks;
        this.client = client;
        this.routeIdsListener = routeIdsListener;
        this.editor = new RouteEditorViewModel(tasks, client, this::refresh);
        this.rollback = new RollbackConfirmation(tasks, client, message);
        search.addListener((observable, before, after) -> rows.setPredicate(row -> row.matches(after)));
    }

    public void refresh() {
        AdminClient admin = client.getValue();
        if (admin == null) {
            return;
        }
        tasks.run("load routes", admin::config, this::show,
                failure -> message.set("Loading routes failed: " + failure.getMessage()));
    }

    public void editRoute(String routeId) {
        Versioned<GatewayConfig> document = current.get();
        if (document == null || routeId == null) {
            return;
        }
        editor.edit(document, routeId);
    }

    public void newRoute() {
        if (current.get() != null) {
            editor.newRoute(current.get());
        }
    }

    /**
     * Starts an undo: loads the diff from the serving revision back to {@link #undoTargetProperty()}
     * and waits for {@link #confirmUndo()}. Nothing changes on the runtime yet.
     */
    public void prepareUndo() {
        Versioned<GatewayConfig> document = current.get();
        Long target = undoTarget.get();
        if (client.getValue() == null || document == null) {
            message.set("Not connected");
            return;
        }
        if (target == null) {
            message.set("Revision " + document.revision() + " is the first, so there is nothing to roll back to");
            return;
        }
        rollback.prepare(document.revision(), target);
    }

    /** Rolls back to the prepared revision, then reloads the routes and the editor. */
    public void confirmUndo() {
        rollback.confirm(newRevision -> reloadAfterOwnChange());
    }

    /**
     * Reloads the routes after a change the user made (apply, undo, rollback). The editor then
     * reloads its route from the new revision, or closes when the route is gone, so its base
     * revision matches the one the status bar shows.
     */
    public void reloadAfterOwnChange() {
        reloadEditor = true;
        refresh();
    }

    /** Updates live figures on the map from a batch of stream events; the last event wins. */
    public void applyMetrics(List<MetricsEvent> batch) {
        MetricsEvent last = batch.getLast();
        for (RouteMetrics route : last.routes()) {
            liveRequestsPerSecond.put(route.routeId(), route.requestsPerSecond());
            liveServerErrorPercent.put(route.routeId(), OverviewViewModel.serverErrorPercent(route.statuses()));
        }
    }

    private void show(Versioned<GatewayConfig> document) {
        current.set(document);
        reloading = true;
        try {
            allRows.setAll(document.value().routes().stream().map(route -> RouteRow.of(route, document.value())).toList());
        } finally {
            reloading = false;
        }
        map.set(RouteMap.of(document.value()));
        summary.set(document.value().routes().size() + " routes in revision " + document.revision());
        routeIdsListener.accept(document.value().routes().stream().map(Route::id).toList());
        if (reloadEditor) {
            reloadEditor = false;
            reloadEditor(document);
        }
        loadUndoTarget(document.revision());
    }

    private void reloadEditor(Versioned<GatewayConfig> document) {
        String routeId = editor.editedRouteIdProperty().get();
        if (!editor.editingProperty().get()) {
            return;
        }
        if (routeId != null && document.value().route(routeId).isPresent()) {
            editor.edit(document, routeId);
            editor.messageProperty().set("Reloaded from revision " + document.revision());
        } else {
            editor.cancel();
        }
    }

    /** Finds the newest revision older than {@code serving}: the one Undo offers to roll back to. */
    private void loadUndoTarget(long serving) {
        AdminClient admin = client.getValue();
        if (admin == null) {
            return;
        }
        tasks.run("load revisions for undo", admin::revisions, revisions -> {
            OptionalLong previous = revisions.stream().mapToLong(RevisionSummary::revision)
                    .filter(revision -> revision < serving).max();
            undoTarget.set(previous.isPresent() ? previous.getAsLong() : null);
        }, failure -> LOG.warn("Loading revisions for undo failed: {}", failure.toString()));
    }

    /** True while the table's rows are being replaced; selection changes then come from the reload, not the operator. */
    public boolean isReloading() {
        return reloading;
    }

    public ObservableList<RouteRow> rows() {
        return rows;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Versioned<GatewayConfig>> currentProperty() {
        return current;
    }

    public ObjectProperty<RouteMap> mapProperty() {
        return map;
    }

    public ObservableMap<String, Double> liveRequestsPerSecond() {
        return liveRequestsPerSecond;
    }

    public ObservableMap<String, Double> liveServerErrorPercent() {
        return liveServerErrorPercent;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Summary text: the number of routes in the table and their revision. */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** The revision Undo rolls back to: the newest one older than the serving revision; null when there is none. */
    public ObjectProperty<Long> undoTargetProperty() {
        return undoTarget;
    }

    /** The pending undo, between {@link #prepareUndo()} and {@link #confirmUndo()}. */
    public RollbackConfirmation rollback() {
        return rollback;
    }

    public RouteEditorViewModel editor() {
        return editor;
    }
}
