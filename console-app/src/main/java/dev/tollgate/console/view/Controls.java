package dev.tollgate.console.view;

import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small factories so every control gets an id, an accessible name and, where useful, an icon. */
final class Controls {

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
