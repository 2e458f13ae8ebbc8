package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.EditorField;
import java.util.EnumMap;
import java.util.Map;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** Marks editor inputs that have a violation: a red border (CSS class {@code field-error}) and the message as tooltip. */
final class FieldDecorations {

    static final String ERROR_CLASS = "field-error";

    private final Map<EditorField, Node> nodes = new EnumMap<>(EditorField.class);
    private final Map<EditorField, Tooltip> originalTooltips = new EnumMap<>(EditorField.class);

    FieldDecorations(ObservableMap<EditorField, String> errors) {
        errors.addListener((MapChangeListener<EditorField, String>) change -> {
            if (change.wasRemoved() && !change.wasAdded()) {
                clear(change.getKey());
            }
            if (change.wasAdded()) {
                mark(change.getKey(), change.getValueAdded());
            }
        });
    }

    void register(EditorField field, Node node) {
        nodes.put(field, node);
        if (node instanceof Control control) {
            originalTooltips.put(field, control.getTooltip());
        }
    }

    private void mark(EditorField field, String message) {
        Node node = nodes.get(field);
        if (node == null) {
            return;
        }
        if (!node.getStyleClass().contains(ERROR_CLASS)) {
            node.getStyleClass().add(ERROR_CLASS);
        }
        Tooltip tooltip = new Tooltip(message);
        tooltip.setShowDelay(Duration.millis(100));
        tooltip.getStyleClass().add("error-tooltip");
        if (node instanceof Control control) {
            control.setTooltip(tooltip);
        } else {
            Tooltip.install(node, tooltip);
        }
    }

    private void clear(EditorField field) {
        Node node = nodes.get(field);
        if (node == null) {
            return;
        }
        node.getStyleClass().remove(ERROR_CLASS);
        if (node instanceof Control control) {
            control.setTooltip(originalTooltips.get(field));
        }
    }
}
