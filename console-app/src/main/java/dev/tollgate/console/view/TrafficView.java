package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.RouteHistory;
import dev.tollgate.console.viewmodel.TrafficViewModel;
import dev.tollgate.model.api.TrafficRecord;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Latency (p50, p95, p99) and status-class charts of one route over 15 minutes, and the drill-down
 * into recent requests: click a route in the list or a moment on a chart.
 */
public final class TrafficView extends BorderPane {

    static final Duration WINDOW = Duration.ofSeconds(RouteHistory.CAPACITY);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final TrafficViewModel model;
    private final TimeSeriesChart latency = new TimeSeriesChart("ms", WINDOW, "Latency percentiles of the selected route");
    private final TimeSeriesChart statuses = new TimeSeriesChart("responses/s", WINDOW, "Responses per second by status class");
    private boolean showing = true;
    private boolean stale;

    public TrafficView(TrafficViewModel model) {
        this.model = model;
        getStyleClass().add("area");
        latency.setId("latency-chart");
        statuses.setId("status-chart");

        ListView<String> routes = Controls.named(new ListView<>(model.routeIds()), "traffic-routes", "Routes with traffic; * is all routes");
        routes.setPrefWidth(160);
        routes.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String route, boolean empty) {
                super.updateItem(route, empty);
                setText(empty || route == null ? null : route.equals(TrafficViewModel.ALL_ROUTES) ? "all routes" : route);
            }
        });
        routes.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
            if (after != null && !after.equals(model.selectedRouteProperty().get())) {
                model.selectedRouteProperty().set(after);
                model.drillDown(after, null);
            }
        });
        model.selectedRouteProperty().addListener((observable, before, after) -> {
            routes.getSelectionModel().select(after);
            redraw();
        });
        model.historyVersionProperty().addListener((observable, before, after) -> redraw());
        latency.setOnMomentClicked(moment -> model.drillDown(model.selectedRouteProperty().get(), moment));
        statuses.setOnMomentClicked(moment -> model.drillDown(model.selectedRouteProperty().get(), moment));

        Label chartTitle = new Label();
        chartTitle.getStyleClass().add("heading");
        chartTitle.textProperty().bind(model.selectedRouteProperty().map(route -> route.equals(TrafficViewModel.ALL_ROUTES)
                ? "All routes, last 15 minutes" : "Route " + route + ", last 15 minutes"));
        VBox charts = new VBox(6, chartTitle, new Label("Latency"), latency, new Label("Status classes"), statuses);
        VBox.setVgrow(latency, Priority.ALWAYS);
        VBox.setVgrow(statuses, Priority.ALWAYS);

        SplitPane top = new SplitPane(new VBox(6, Controls.heading("Routes"), routes), charts);
        top.setDividerPositions(0.15);
        VBox.setVgrow(routes, Priority.ALWAYS);

        SplitPane main = new SplitPane(top, drillDown());
        main.setOrientation(javafx.geometry.Orientation.VERTICAL);
        main.setDividerPositions(0.58);
        setCenter(main);
        setPadding(new Insets(8));
        redraw();
    }

    public void applyTheme(boolean dark) {
        Color text = dark ? Color.gray(0.85) : Color.gray(0.3);
        Color grid = dark ? Color.gray(0.3) : Color.gray(0.88);
        latency.setColors(text, grid);
        statuses.setColors(text, grid);
    }

    private VBox drillDown() {
        ComboBox<String> status = Controls.named(new ComboBox<>(), "traffic-status-filter", "Status filter: a class such as 5xx or an exact status");
        status.getItems().setAll("", "2xx", "3xx", "4xx", "5xx");
        status.setEditable(true);
        status.setPromptText("any status");
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        TextField consumer = Controls.named(new TextField(), "traffic-consumer-filter", "Consumer filter");
        consumer.setPromptText("any consumer");
        consumer.textProperty().bindBidirectional(model.consumerFilterProperty());
        Label message = Controls.named(new Label(), "traffic-message", "Drill-down status");
        message.textProperty().bind(model.drillDownMessageProperty());
        HBox filters = new HBox(8, new Label("Status"), status, new Label("Consumer"), consumer, message);
        filters.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TableView<TrafficRecord> table = Controls.named(new TableView<>(model.records()), "traffic-records", "Recent requests");
        table.getColumns().setAll(List.of(
                column("Time", record -> record.at() == null ? "" : TIME.format(record.at()), 100),
                column("Method", TrafficRecord::method, 60), column("Path", TrafficRecord::path, 200),
                column("Status", record -> Integer.toString(record.status()), 60),
                column("Latency ms", record -> String.format(Locale.ROOT, "%.1f", record.latencyMillis()), 80),
                column("Consumer", TrafficViewModel::consumerLabel, 100),
                column("Target", record -> record.target() == null ? "" : record.target(), 180)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Click a route or a moment on a chart"));
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> model.selectedRecordProperty().set(after));

        TextArea detail = Controls.named(new TextArea(), "traffic-detail", "Details of the selected request");
        detail.setEditable(false);
        detail.textProperty().bind(model.detailProperty());
        detail.getStyleClass().add("monospace");

        SplitPane split = new SplitPane(table, detail);
        split.setDividerPositions(0.68);
        VBox box = new VBox(6, Controls.heading("Recent requests"), filters, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        return box;
    }

    /** Tells the view whether its area is on screen; while hidden, new samples only mark the charts stale. */
    public void setShowing(boolean nowShowing) {
        showing = nowShowing;
        if (showing && stale) {
            redraw();
        }
    }

    private void redraw() {
        if (!showing) {
            stale = true;
            return;
        }
        stale = false;
        List<RouteHistory.Sample> samples = model.history(model.selectedRouteProperty().get()).toList();
        latency.setSeries(List.of(
                TimeSeriesChart.series("p50", Color.web("#3b82f6"), samples, RouteHistory.Sample::at, RouteHistory.Sample::p50Millis),
                TimeSeriesChart.series("p95", Color.web("#f59e0b"), samples, RouteHistory.Sample::at, RouteHistory.Sample::p95Millis),
                TimeSeriesChart.series("p99", Color.web("#ef4444"), samples, RouteHistory.Sample::at, RouteHistory.Sample::p99Millis)));
        statuses.setSeries(List.of(
                TimeSeriesChart.series("2xx", Color.web("#22c55e"), samples, RouteHistory.Sample::at, RouteHistory.Sample::success),
                TimeSeriesChart.series("3xx", Color.web("#06b6d4"), samples, RouteHistory.Sample::at, RouteHistory.Sample::redirection),
                TimeSeriesChart.series("4xx", Color.web("#f59e0b"), samples, RouteHistory.Sample::at, RouteHistory.Sample::clientError),
                TimeSeriesChart.series("5xx", Color.web("#ef4444"), samples, RouteHistory.Sample::at, RouteHistory.Sample::serverError)));
    }

    private static TableColumn<TrafficRecord, String> column(String title, Function<TrafficRecord, String> value, double width) {
        TableColumn<TrafficRecord, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setMinWidth(Controls.headerWidth(title));
        column.setPrefWidth(Math.max(width, column.getMinWidth()));
        return column;
    }
}
