package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.RouteRow;
import dev.tollgate.console.viewmodel.RoutesViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.kordamp.ikonli.javafx.FontIcon;

/** The routes table with its search field beside the editor, and the route map on a second tab. */
public final class RoutesView extends BorderPane {

    private final TabPane detailTabs = new TabPane();
    private final Tab editorTab;
    private final Tab mapTab;
    private final TextField search;
    private final TableView<RouteRow> table;
    private final RoutesViewModel model;

    public RoutesView(RoutesViewModel model) {
        this.model = model;
        getStyleClass().add("area");

        CustomTextField searchField = new CustomTextField();
        searchField.setLeft(new FontIcon("mdi2m-magnify"));
        search = Controls.named(searchField, "route-search", "Search routes by id, host, path, method or upstream");
        search.setPromptText("Search routes (Ctrl+F)");
        search.textProperty().bindBidirectional(model.searchProperty());

        table = Controls.named(new TableView<>(model.rows()), "routes-table", "Routes");
        table.getColumns().setAll(java.util.List.of(
                column("Id", RouteRow::id, 110), column("Hosts", RouteRow::hosts, 130), column("Methods", RouteRow::methods, 90),
                column("Paths", RouteRow::paths, 150), column("Upstream", RouteRow::upstream, 100),
                column("Targets", RouteRow::targets, 190), column("Priority", row -> Integer.toString(row.priority()), 60)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No routes yet. Connect to a runtime, or add one with New route."));
        // A reload of the table re-selects rows; that must not replace an edit in progress.
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
            if (after != null && !model.isReloading() && !after.id().equals(model.editor().editedRouteIdProperty().get())) {
                model.editRoute(after.id());
            }
        });
        model.editor().editedRouteIdProperty().addListener((observable, before, after) -> selectRow(after));
        model.rows().addListener((javafx.collections.ListChangeListener<RouteRow>) change ->
                selectRow(model.editor().editedRouteIdProperty().get()));

        HBox buttons = new HBox(8,
                Controls.button("route-new", "New route", "mdi2p-plus", "Create a new route", () -> {
                    table.getSelectionModel().clearSelection();
                    model.newRoute();
                    showEditor();
                }),
                undoButton(),
                Controls.button("route-refresh", "Refresh", "mdi2r-refresh", "Reload routes from the runtime (Ctrl+R)", model::refresh));

        Label summary = Controls.named(new Label(), "routes-summary", "Routes summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("hint");
        Label message = Controls.named(new Label(), "routes-message", "Routes status");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        RollbackConfirmView confirm = new RollbackConfirmView(model.rollback(), "route-undo", model::confirmUndo);

        VBox left = new VBox(8, Controls.heading("Routes"), search, table, buttons, confirm, summary, message);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(16, 8, 16, 16));

        SplitPane split = new SplitPane(left, new RouteEditorView(model.editor()));
        split.setDividerPositions(0.47);
        editorTab = new Tab("Table and editor", split);
        editorTab.setId("tab-route-editor");
        mapTab = new Tab("Route map", new RouteMapView(model, routeId -> {
            model.editRoute(routeId);
            showEditor();
        }));
        mapTab.setId("tab-route-map");
        detailTabs.getTabs().setAll(editorTab, mapTab);
        detailTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        detailTabs.setAccessibleText("Routes table with the editor, and the route map");
        setCenter(detailTabs);
    }

    /** Selects the row of the route in the editor, so table and editor agree however the edit started. */
    private void selectRow(String routeId) {
        if (routeId == null) {
            return;
        }
        model.rows().stream().filter(row -> row.id().equals(routeId)).findFirst()
                .ifPresent(row -> table.getSelectionModel().select(row));
    }

    public void showEditor() {
        detailTabs.getSelectionModel().select(editorTab);
    }

    public void showMap() {
        detailTabs.getSelectionModel().select(mapTab);
    }

    public void focusSearch() {
        search.requestFocus();
    }

    public TableView<RouteRow> table() {
        return table;
    }

    /** Undo names its target revision and only prepares the rollback, which the confirm step below the buttons then sends. */
    private javafx.scene.control.Button undoButton() {
        javafx.scene.control.Button undo = Controls.button("route-undo", "Roll back", "mdi2u-undo",
                "Roll the live config back to the previous revision, after showing the diff", model::prepareUndo);
        undo.textProperty().bind(model.undoTargetProperty().map(target -> "Roll back to revision " + target)
                .orElse("Roll back"));
        undo.disableProperty().bind(model.undoTargetProperty().isNull().or(model.rollback().pendingProperty()));
        return undo;
    }

    private static TableColumn<RouteRow, String> column(String title, java.util.function.Function<RouteRow, String> value, double width) {
        TableColumn<RouteRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setMinWidth(Controls.headerWidth(title));
        column.setPrefWidth(Math.max(width, column.getMinWidth()));
        return column;
    }
}
