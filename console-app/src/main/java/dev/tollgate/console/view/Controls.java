package dev.tollgate.console.view;

import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small factories so every control gets an id, an accessible name and, where useful, an icon. */
final class Controls {

    /** Header cell padding on both sides plus the sort arrow, in pixels. */
    private static final double HEADER_PADDING = 28;
    /** The root font size that base.css sets, in pixels. */
    private static final double ROOT_FONT_SIZE = 13;

    private Controls() {}

    static Button button(String id, String text, String iconLiteral, String accessibleText, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        if (iconLiteral != null) {
            button.setGraphic(new FontIcon(iconLiteral));
        }
        button.setAccessibleText(accessibleText);
        button.setTooltip(new Tooltip(accessibleText));
        button.setOnAction(event -> action.run());
        return button;
    }

    static <C extends Control> C named(C control, String id, String accessibleText) {
        control.setId(id);
        control.setAccessibleText(accessibleText);
        return control;
    }

    /**
     * Returns the minimum width that shows {@code title} in a table header without an ellipsis: the
     * text in the default font at bold weight, plus room for the cell padding and the sort arrow.
     */
    static double headerWidth(String title) {
        Text text = new Text(title);
        text.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, ROOT_FONT_SIZE));
        return Math.ceil(text.getLayoutBounds().getWidth()) + HEADER_PADDING;
    }

    static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("heading");
        return label;
    }

    static Label fieldLabel(String text, Control target) {
        Label label = new Label(text);
        label.setLabelFor(target);
        label.getStyleClass().add("field-label");
        return label;
    }
}
