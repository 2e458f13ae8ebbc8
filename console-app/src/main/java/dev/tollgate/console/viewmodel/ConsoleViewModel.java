package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.ConsoleServices;
import dev.tollgate.console.service.ProfileStore;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's root view model: creates the area view models, routes live-stream batches to them
 * and reloads routes and config when the serving revision changes.
 */
public final class ConsoleViewModel {

    /** The areas, in the order of their Ctrl+1..5 shortcuts. */
    public enum Area { CONNECTIONS, OVERVIEW, ROUTES, TRAFFIC, CONFIG }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewModel.class);
    /** Live updates between two DEBUG lines with the UI-thread timing: about a minute at one update per second. */
    private static final int STATS_LOG_EVERY = 60;

    private final FxUpdateStats updateStats = new FxUpdateStats();
    private final ConnectionViewModel connection;
    private final OverviewViewModel overview = new OverviewViewModel();
    private final RoutesViewModel routes;
    private final TrafficViewModel traffic;
    private final ConfigViewModel config;
    private final ObjectProperty<Area> area = new SimpleObjectProperty<>(Area.CONNECTIONS);

    public ConsoleViewModel(ConsoleServices services, ProfileStore profiles, BackgroundTasks tasks) {
        MetricsBatcher batcher = new MetricsBatcher(tasks.uiThread(), batch -> {
            overview.apply(batch);
            traffic().apply(batch);
            routes().applyMetrics(batch);
        }, updateStats, this::publishUpdateStats);
        this.connection = new ConnectionViewModel(services, profiles, tasks, batcher::offer);
        this.traffic = new TrafficViewModel(tasks, connection.clientProperty());
        this.routes = new RoutesViewModel(tasks, connection.clientProperty(), routeIds -> {
            overview.showRoutes(routeIds);
            traffic.showRoutes(routeIds);
        });
        this.config = new ConfigViewModel(tasks, connection.clientProperty(), routes::reloadAfterOwnChange);

        connection.clientProperty().addListener((observable, before, after) -> {
            if (after != null) {
                refreshAll();
                area.set(Area.OVERVIEW);
            }
        });
        connection.resyncCountProperty().addListener((observable, before, after) -> refreshAll());
        connection.configRevisionProperty().addListener((observable, before, after) -> {
            if (connection.clientProperty().get() != null && before.longValue() >= 0 && !before.equals(after)) {
                refreshAll();
            }
        });
    }

    /** Shows the UI-thread timing in the Overview's tooltip and logs it at DEBUG once every {@value #STATS_LOG_EVERY} updates. */
    private void publishUpdateStats() {
        FxUpdateStats.Snapshot snapshot = updateStats.snapshot();
        overview.updateTimingProperty().set(snapshot.toString());
        if (snapshot.batches() % STATS_LOG_EVERY == 1) {
            LOG.debug("UI thread per live update: {}", snapshot);
        }
    }

    public void refreshAll() {
        routes.refresh();
        config.refresh();
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public RoutesViewModel routes() {
        return routes;
    }

    public TrafficViewModel traffic() {
        return traffic;
    }

    public ConfigViewModel config() {
        return config;
    }

    public ObjectProperty<Area> areaProperty() {
        return area;
    }

    /** FX-thread time per live update, for tests and the docs. */
    public FxUpdateStats updateStats() {
        return updateStats;
    }
}
