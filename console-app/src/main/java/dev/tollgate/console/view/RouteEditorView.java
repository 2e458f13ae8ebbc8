package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.EditorField;
import dev.tollgate.console.viewmodel.RouteEditorViewModel;
import dev.tollgate.console.viewmodel.TargetRow;
import dev.tollgate.model.config.Balancer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The visual route editor for matchers, upstream and weighted targets, rewrite, timeouts and
 * priority. Below the fields it shows the YAML diff preview and, after a 412, the server's changes
 * with a redo button.
 */
public final class RouteEditorView extends BorderPane {

    private final FieldDecorations decorations;

    public RouteEditorView(RouteEditorViewModel model) {
        getStyleClass().add("route-editor");
        decorations = new FieldDecorations(model.fieldErrors());

        TextField id = text("editor-id", "Route id", model.idProperty(), EditorField.ID, "orders");
        TextArea paths = area("editor-paths", "Path patterns, one per line", model.pathsProperty(), EditorField.PATHS, "/orders/**", 2);
        TextField methods = text("editor-methods", "HTTP methods, comma separated; empty matches any", model.methodsProperty(),
                EditorField.METHODS, "GET, POST");
        TextField hosts = text("editor-hosts", "Host names or *.suffix wildcards, comma separated", model.hostsProperty(),
                EditorField.HOSTS, "api.example.com");
        TextArea headers = area("editor-headers", "Required headers, one 'Name: value' per line; no value means present",
                model.headersProperty(), EditorField.HEADERS, "X-Tenant: acme", 2);
        TextArea query = area("editor-query", "Required query parameters, one 'name=value' per line",
                model.queryProperty(), EditorField.QUERY, "version=2", 2);

        ComboBox<String> upstream = Controls.named(new ComboBox<>(model.upstreamIds()), "editor-upstream",
                "Upstream id; pick one or type a new id");
        upstream.setEditable(true);
        upstream.valueProperty().bindBidirectional(model.upstreamIdProperty());
        upstream.setMaxWidth(Double.MAX_VALUE);
        decorations.register(EditorField.UPSTREAM, upstream);

        ChoiceBox<Balancer> balancer = Controls.named(new ChoiceBox<>(), "editor-balancer", "Balancer of the upstream");
        balancer.getItems().setAll(Balancer.values());
        balancer.setConverter(new StringConverter<>() {
            @Override
            public String toString(Balancer value) {
                return value == null ? "" : value.wireName();
            }

            @Override
            public Balancer fromString(String text) {
                return Balancer.fromWireName(text);
            }
        });
        balancer.valueProperty().bindBidirectional(model.balancerProperty());
        decorations.register(EditorField.BALANCER, balancer);

        TableView<TargetRow> targets = targetTable(model);
        decorations.register(EditorField.TARGETS, targets);
        Button addTarget = Controls.button("editor-add-target", "Add target", "mdi2p-plus", "Add a target to the upstream", model::addTarget);
        Button removeTarget = Controls.button("editor-remove-target", "Remove target", "mdi2m-minus", "Remove the selected target",
                () -> model.removeTarget(targets.getSelectionModel().getSelectedItem()));

        ChoiceBox<RouteEditorViewModel.RewriteKind> rewriteKind = Controls.named(new ChoiceBox<>(), "editor-rewrite-kind", "Kind of path rewrite");
        rewriteKind.getItems().setAll(RouteEditorViewModel.RewriteKind.values());
        rewriteKind.valueProperty().bindBidirectional(model.rewriteKindProperty());
        TextField rewriteValue = Controls.named(new TextField(), "editor-rewrite-value", "Rewrite prefix or template");
        rewriteValue.textProperty().bindBidirectional(model.rewriteValueProperty());
        rewriteValue.setPromptText("/api  or  /v2/orders/{id}");
        TextField rewriteTo = Controls.named(new TextField(), "editor-rewrite-to", "Replacement prefix");
        rewriteTo.textProperty().bindBidirectional(model.rewriteReplacementProperty());
        rewriteTo.setPromptText("replacement, e.g. /v2");
        rewriteTo.visibleProperty().bind(model.rewriteKindProperty().isEqualTo(RouteEditorViewModel.RewriteKind.REPLACE_PREFIX));
        rewriteTo.managedProperty().bind(rewriteTo.visibleProperty());
        rewriteValue.disableProperty().bind(model.rewriteKindProperty().isEqualTo(RouteEditorViewModel.RewriteKind.NONE));
        HBox rewrite = new HBox(6, rewriteKind, rewriteValue, rewriteTo);
        HBox.setHgrow(rewriteValue, Priority.ALWAYS);
        decorations.register(EditorField.REWRITE, rewriteValue);

        TextField connect = text("editor-connect-timeout", "Connect timeout in milliseconds; empty uses the upstream's",
                model.connectTimeoutMillisProperty(), EditorField.CONNECT_TIMEOUT, "upstream default");
        TextField response = text("editor-response-timeout", "Response timeout in milliseconds; empty uses the default",
                model.responseTimeoutMillisProperty(), EditorField.RESPONSE_TIMEOUT, "30000");
        TextField priority = text("editor-priority", "Priority; higher wins ties between equal path matches",
                model.priorityProperty(), EditorField.PRIORITY, "0");

        GridPane match = grid();
        row(match, 0, "Route id", id);
        row(match, 1, "Paths", paths);
        row(match, 2, "Methods", methods);
        row(match, 3, "Hosts", hosts);
        row(match, 4, "Headers", headers);
        row(match, 5, "Query", query);

        GridPane upstreamGrid = grid();
        row(upstreamGrid, 0, "Upstream", upstream);
        row(upstreamGrid, 1, "Balancer", balancer);
        row(upstreamGrid, 2, "Targets", targets);
        upstreamGrid.add(new HBox(6, addTarget, removeTarget), 1, 3);

        GridPane behaviour = grid();
        row(behaviour, 0, "Rewrite", rewrite);
        row(behaviour, 1, "Connect timeout (ms)", connect);
        row(behaviour, 2, "Response timeout (ms)", response);
        row(behaviour, 3, "Priority", priority);

        Label policies = new Label("Policies attach to routes once the runtime's config schema has them.");
        policies.getStyleClass().add("hint");

        Label generalErrors = Controls.named(new Label(), "editor-errors", "Problems with the edit");
        generalErrors.getStyleClass().add("error-text");
        generalErrors.setWrapText(true);
        // Every problem is also listed as text: a tooltip alone is neither visible at a glance nor read by screen readers.
        Runnable listErrors = () -> {
            java.util.List<String> lines = new java.util.ArrayList<>();
            model.fieldErrors().forEach((field, text) -> lines.add(fieldName(field) + ": " + text.replace("\n", "; ")));
            lines.addAll(model.generalErrors());
            generalErrors.setText(String.join("\n", lines));
        };
        model.generalErrors().addListener((ListChangeListener<String>) change -> listErrors.run());
        model.fieldErrors().addListener((javafx.collections.MapChangeListener<EditorField, String>) change -> listErrors.run());

        Label message = Controls.named(new Label(), "editor-message", "Editor status");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        Button preview = Controls.button("editor-preview", "Preview diff", "mdi2f-file-compare", "Validate and preview the YAML diff",
                model::preview);
        Button apply = Controls.button("editor-apply", "Apply", "mdi2c-check", "Apply the edit (Ctrl+Enter)", model::apply);
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(model.busyProperty().or(model.modifiedProperty().not()));
        Button cancel = Controls.button("editor-cancel", "Close", "mdi2c-close", "Close the editor without applying", model::cancel);
        HBox actions = new HBox(8, preview, apply, cancel);

        DiffView diff = new DiffView(model.diffPreviewProperty(), "YAML diff of the edit");
        diff.setId("editor-diff");
        diff.setPrefHeight(160);

        VBox conflict = conflictPane(model);

        // The actions stay on top while the form scrolls, so Apply is always in reach.
        Label title = Controls.heading("Route editor");
        title.textProperty().bind(model.baseProperty().map(base -> "Route editor, based on revision " + base.revision())
                .orElse("Route editor: choose a route or create one"));
        VBox header = new VBox(6, title, actions, message, generalErrors);
        header.setPadding(new Insets(10, 10, 6, 10));
        header.getStyleClass().add("editor-header");

        VBox form = new VBox(10, section("Match", match), section("Upstream", upstreamGrid),
                section("Rewrite, timeouts and priority", behaviour), policies);
        form.setPadding(new Insets(6, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setAccessibleText("Route editor fields");
        form.disableProperty().bind(model.editingProperty().not());
        actions.disableProperty().bind(model.editingProperty().not());

        // The fields scroll above; the conflict and the diff preview stay visible below them.
        VBox review = new VBox(6, conflict, Controls.heading("Diff preview"), diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        review.setPadding(new Insets(6, 10, 10, 10));
        SplitPane split = new SplitPane(scroll, review);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        // A conflict needs room for the server's changes and the redone diff.
        model.conflictProperty().addListener((observable, before, conflicted) -> split.setDividerPositions(conflicted ? 0.25 : 0.6));

        setTop(header);
        setCenter(split);
    }

    private VBox conflictPane(RouteEditorViewModel model) {
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> "Changed on the server since your base revision",
                model.conflictProperty()));
        title.getStyleClass().addAll("heading", "warning-text");
        DiffView serverChanges = new DiffView(model.conflictDiffProperty(), "Changes on the server since your base revision");
        serverChanges.setId("conflict-diff");
        serverChanges.setPrefHeight(220);
        Button redo = Controls.button("conflict-redo", "Redo my edit on the server's revision", "mdi2r-redo",
                "Put your edit on top of the server's current revision", model::rebaseOntoServer);
        VBox pane = new VBox(8, title, serverChanges, redo);
        pane.setId("conflict-pane");
        pane.getStyleClass().add("conflict-pane");
        pane.visibleProperty().bind(model.conflictProperty());
        pane.managedProperty().bind(model.conflictProperty());
        return pane;
    }

    private TableView<TargetRow> targetTable(RouteEditorViewModel model) {
        TableView<TargetRow> table = Controls.named(new TableView<>(model.targets()), "editor-targets",
                "Targets of the upstream with their weights");
        table.setEditable(true);
        table.setPrefHeight(120);
        TableColumn<TargetRow, String> url = new TableColumn<>("URL");
        url.setCellValueFactory(cell -> cell.getValue().urlProperty());
        url.setCellFactory(TextFieldTableCell.forTableColumn());
        url.setPrefWidth(260);
        TableColumn<TargetRow, String> weight = new TableColumn<>("Weight");
        weight.setCellValueFactory(cell -> cell.getValue().weightProperty());
        weight.setCellFactory(TextFieldTableCell.forTableColumn());
        weight.setPrefWidth(80);
        table.getColumns().setAll(java.util.List.of(url, weight));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private TextField text(String id, String accessible, javafx.beans.property.StringProperty property, EditorField field,
            String prompt) {
        TextField text = Controls.named(new TextField(), id, accessible);
        text.textProperty().bindBidirectional(property);
        text.setPromptText(prompt);
        text.setTooltip(new Tooltip(accessible));
        decorations.register(field, text);
        return text;
    }

    private TextArea area(String id, String accessible, javafx.beans.property.StringProperty property, EditorField field,
            String prompt, int rows) {
        TextArea area = Controls.named(new TextArea(), id, accessible);
        area.textProperty().bindBidirectional(property);
        area.setPromptText(prompt);
        area.setPrefRowCount(rows);
        area.setTooltip(new Tooltip(accessible));
        decorations.register(field, area);
        return area;
    }

    private static String fieldName(EditorField field) {
        return switch (field) {
            case ID -> "Route id";
            case PATHS -> "Paths";
            case METHODS -> "Methods";
            case HOSTS -> "Hosts";
            case HEADERS -> "Headers";
            case QUERY -> "Query";
            case UPSTREAM -> "Upstream";
            case BALANCER -> "Balancer";
            case TARGETS -> "Targets";
            case REWRITE -> "Rewrite";
            case CONNECT_TIMEOUT -> "Connect timeout";
            case RESPONSE_TIMEOUT -> "Response timeout";
            case PRIORITY -> "Priority";
        };
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints(150);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, javafx.scene.Node input) {
        Label text = new Label(label);
        text.getStyleClass().add("field-label");
        if (input instanceof javafx.scene.control.Control control) {
            text.setLabelFor(control);
        }
        grid.addRow(row, text, input);
    }

    private static TitledPane section(String title, javafx.scene.Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        return pane;
    }
}
