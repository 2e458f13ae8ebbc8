package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.RollbackConfirmation;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The inline confirm step of a rollback: the target, the diff, and Confirm or Cancel. Hidden until one is prepared. */
final class RollbackConfirmView extends VBox {

    RollbackConfirmView(RollbackConfirmation model, String idPrefix, Runnable confirm) {
        super(8);
        setPadding(new Insets(8, 0, 8, 0));
        Label prompt = new Label();
        prompt.setWrapText(true);
        prompt.textProperty().bind(model.promptProperty());
        DiffView diff = new DiffView(model.diffProperty(), "Changes the rollback would make");
        diff.setId(idPrefix + "-diff");
        diff.setPrefHeight(180);
        Button yes = Controls.button(idPrefix + "-confirm", "Confirm rollback", "mdi2h-history",
                "Roll the live config back as shown", confirm);
        yes.textProperty().bind(model.targetRevisionProperty().map(target -> "Roll back to revision " + target)
                .orElse("Confirm rollback"));
        Button no = Controls.button(idPrefix + "-cancel", "Cancel", "mdi2c-close", "Keep the serving config", model::cancel);
        getChildren().setAll(prompt, diff, new HBox(8, yes, no));
        visibleProperty().bind(model.pendingProperty());
        managedProperty().bind(model.pendingProperty());
    }
}
