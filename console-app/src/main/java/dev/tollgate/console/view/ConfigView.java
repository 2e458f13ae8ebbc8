package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.ConfigViewModel;
import dev.tollgate.model.api.RevisionSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The serving document as YAML, the revisions, a diff between two of them, and rollback. */
public final class ConfigView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TabPane tabs = new TabPane();
    private final Tab diffTab = new Tab("Diff");

    public ConfigView(ConfigViewModel model) {
        getStyleClass().add("area");

        TableView<RevisionSummary> revisions = Controls.named(new TableView<>(model.revisions()), "revisions-table", "Config revisions");
        revisions.getColumns().setAll(List.of(
                column("Revision", revision -> Long.toString(revision.revision()), 70),
                column("Created", revision -> revision.createdAt() == null ? "" : TIME.format(revision.createdAt()), 140),
                column("Author", model::authorLabel, 150), column("Action", RevisionSummary::action, 110)));
        revisions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        ComboBox<RevisionSummary> from = revisionChoice(model, "diff-from", "Diff from revision");
        from.valueProperty().bindBidirectional(model.fromRevisionProperty());
        ComboBox<RevisionSummary> to = revisionChoice(model, "diff-to", "Diff to revision");
        to.valueProperty().bindBidirectional(model.toRevisionProperty());
        HBox diffControls = new HBox(8, new Label("From"), from, new Label("to"), to,
                Controls.button("show-diff", "Show diff", "mdi2f-file-compare", "Show the diff between the two revisions", () -> {
                    model.showDiff();
                    tabs.getSelectionModel().select(diffTab);
                }));
        diffControls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        HBox actions = new HBox(8,
                rollbackButton(model, revisions),
                Controls.button("config-refresh", "Refresh", "mdi2r-refresh", "Reload the config and revisions (Ctrl+R)", model::refresh));

        Label message = Controls.named(new Label(), "config-message", "Config status");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        RollbackConfirmView confirm = new RollbackConfirmView(model.rollback(), "rollback", model::confirmRollback);

        VBox left = new VBox(8, Controls.heading("Revisions"), revisions, actions, confirm, diffControls, message);
        VBox.setVgrow(revisions, Priority.ALWAYS);
        left.setPadding(new Insets(16, 8, 16, 16));

        TextArea yaml = Controls.named(new TextArea(), "config-yaml", "Serving config as YAML");
        yaml.setEditable(false);
        yaml.textProperty().bind(model.yamlProperty());
        yaml.getStyleClass().add("monospace");
        Tab yamlTab = new Tab("Current YAML", yaml);
        DiffView diff = new DiffView(model.diffProperty(), "Diff between the chosen revisions");
        diff.setId("config-diff");
        diffTab.setContent(diff);
        tabs.getTabs().setAll(yamlTab, diffTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(left, tabs);
        split.setDividerPositions(0.42);
        setCenter(split);
    }

    /** Names the selected revision and only prepares the rollback, which the confirm step then sends. */
    private static javafx.scene.control.Button rollbackButton(ConfigViewModel model, TableView<RevisionSummary> revisions) {
        javafx.scene.control.Button button = Controls.button("rollback-selected", "Roll back to selected", "mdi2h-history",
                "Make the selected revision's content serve again, after showing the diff",
                () -> model.prepareRollback(revisions.getSelectionModel().getSelectedItem()));
        var selected = revisions.getSelectionModel().selectedItemProperty();
        button.textProperty().bind(selected.map(revision -> "Roll back to revision " + revision.revision())
                .orElse("Roll back to selected"));
        button.disableProperty().bind(selected.isNull().or(model.rollback().pendingProperty()));
        return button;
    }

    private static ComboBox<RevisionSummary> revisionChoice(ConfigViewModel model, String id, String accessible) {
        ComboBox<RevisionSummary> box = Controls.named(new ComboBox<>(model.revisions()), id, accessible);
        StringConverter<RevisionSummary> converter = new StringConverter<>() {
            @Override
            public String toString(RevisionSummary revision) {
                return revision == null ? "" : "revision " + revision.revision();
            }

            @Override
            public RevisionSummary fromString(String text) {
                return null;
            }
        };
        box.setConverter(converter);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(RevisionSummary revision, boolean empty) {
                super.updateItem(revision, empty);
                setText(empty ? null : converter.toString(revision));
            }
        });
        return box;
    }

    private static TableColumn<RevisionSummary, String> column(String title, Function<RevisionSummary, String> value, double width) {
        TableColumn<RevisionSummary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setMinWidth(Controls.headerWidth(title));
        column.setPrefWidth(Math.max(width, column.getMinWidth()));
        return column;
    }
}
