package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.OverviewViewModel;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableNumberValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The TilesFX dashboard: totals in the first row, a sparkline of requests per second per route below. */
public final class OverviewView extends BorderPane {

    static final double TILE_WIDTH = 230;
    static final double TILE_HEIGHT = 170;
    static final double NUMBER_TILE_HEIGHT = 150;
    /** Tiles clamp values to their range; the figures here have no natural upper bound. */
    private static final double MAX_VALUE = 1e12;

    private final FlowPane routeTiles = new FlowPane(10, 10);
    private final Map<OverviewViewModel.RouteSeries, Tile> tilesBySeries = new HashMap<>();

    public OverviewView(OverviewViewModel model) {
        getStyleClass().add("area");
        Tile requests = numberTile("tile-rps", "Requests per second", "req/s", 1, model.totalRequestsPerSecondProperty());
        Tile errors = numberTile("tile-errors", "5xx error rate", "%", 2, model.errorRatePercentProperty());
        Tile p99 = numberTile("tile-p99", "p99 latency, all routes", "ms", 1, model.p99MillisProperty());
        Tile routes = numberTile("tile-routes", "Routes", "", 0, model.routeCountProperty());
        Tile rateLimited = numberTile("tile-rate-limited", "Rate-limit rejections", "per interval", 0,
                model.rateLimitedPerIntervalProperty());
        rateLimited.setDescription("stays 0 until rate limits are configured");

        FlowPane totals = new FlowPane(10, 10, requests, errors, p99, routes, rateLimited);
        Label routesHeading = Controls.heading("Requests per second by route (last minute)");
        // The UI-thread timing is a diagnostic for developers, so it sits in the heading's tooltip, not in the view.
        Tooltip timing = new Tooltip();
        timing.textProperty().bind(model.updateTimingProperty());
        routesHeading.setTooltip(timing);

        model.routes().addListener((ListChangeListener<OverviewViewModel.RouteSeries>) change -> syncRouteTiles(model));
        syncRouteTiles(model);

        VBox content = new VBox(14, Controls.heading("Overview"), totals, routesHeading, routeTiles);
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setAccessibleText("Overview dashboard");
        setCenter(scroll);
    }

    /**
     * Adds tiles for new routes and removes those of dropped routes, keeping the others in place:
     * clearing and re-adding every tile made the scene re-apply CSS to and lay out all of them.
     */
    private void syncRouteTiles(OverviewViewModel model) {
        List<Tile> wanted = new ArrayList<>(model.routes().size());
        for (OverviewViewModel.RouteSeries series : model.routes()) {
            wanted.add(tilesBySeries.computeIfAbsent(series, this::sparklineTile));
        }
        tilesBySeries.keySet().removeIf(series -> !model.routes().contains(series));
        if (!routeTiles.getChildren().equals(wanted)) {
            routeTiles.getChildren().retainAll(wanted);
            for (int i = 0; i < wanted.size(); i++) {
                if (i >= routeTiles.getChildren().size() || routeTiles.getChildren().get(i) != wanted.get(i)) {
                    routeTiles.getChildren().remove(wanted.get(i));
                    routeTiles.getChildren().add(i, wanted.get(i));
                }
            }
        }
    }

    private Tile sparklineTile(OverviewViewModel.RouteSeries series) {
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.SPARK_LINE)
                .prefSize(TILE_WIDTH, TILE_HEIGHT)
                .title("Route " + series.routeId())
                .unit("req/s")
                .decimals(1)
                .averagingPeriod(OverviewViewModel.SPARKLINE_POINTS)
                .minValue(0)
                .maxValue(MAX_VALUE)
                .animated(false)
                .smoothing(false)
                .build();
        tile.setId("sparkline-" + series.routeId());
        tile.setAccessibleText("Requests per second of route " + series.routeId());
        series.points().forEach(tile::setValue);
        series.points().addListener((ListChangeListener<Double>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    change.getAddedSubList().forEach(tile::setValue);
                }
            }
        });
        return tile;
    }

    private static Tile numberTile(String id, String title, String unit, int decimals, ObservableNumberValue value) {
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .prefSize(TILE_WIDTH, NUMBER_TILE_HEIGHT)
                .title(title)
                .unit(unit)
                .decimals(decimals)
                .minValue(0)
                .maxValue(MAX_VALUE)
                .animated(false)
                .value(value.getValue().doubleValue())
                .build();
        tile.setId(id);
        tile.setAccessibleText(title);
        value.addListener((observable, before, after) -> tile.setValue(after.doubleValue()));
        return tile;
    }
}
