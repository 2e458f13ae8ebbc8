package dev.tollgate.console.view;

import java.util.Arrays;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** Shows unified diff text one line per row, coloured by CSS class: added, removed, hunk header. */
public final class DiffView extends ListView<String> {

    private static final List<String> LINE_CLASSES = List.of("diff-added", "diff-removed", "diff-hunk", "diff-file");

    public DiffView(ObservableValue<String> text, String accessibleName) {
        getStyleClass().add("diff-view");
        setAccessibleText(accessibleName);
        setCellFactory(list -> new DiffCell());
        show(text.getValue());
        text.addListener((observable, before, after) -> show(after));
    }

    private void show(String text) {
        getItems().setAll(text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1)));
    }

    private static final class DiffCell extends ListCell<String> {
        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(LINE_CLASSES);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line);
            if (line.startsWith("+++") || line.startsWith("---")) {
                getStyleClass().add("diff-file");
            } else if (line.startsWith("+")) {
                getStyleClass().add("diff-added");
            } else if (line.startsWith("-")) {
                getStyleClass().add("diff-removed");
            } else if (line.startsWith("@@")) {
                getStyleClass().add("diff-hunk");
            }
        }
    }
}
