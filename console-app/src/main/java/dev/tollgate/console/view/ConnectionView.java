package dev.tollgate.console.view;

import dev.tollgate.console.service.ConnectionProfile;
import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.viewmodel.ConnectionViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Connection profiles on the left, the URL and token form on the right. */
public final class ConnectionView extends BorderPane {

    public ConnectionView(ConnectionViewModel model) {
        getStyleClass().add("area");

        ListView<ConnectionProfile> profiles = Controls.named(new ListView<>(model.profiles()), "profiles", "Saved connection profiles");
        profiles.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile profile, boolean empty) {
                super.updateItem(profile, empty);
                setText(empty || profile == null ? null : profile.name() + "\n" + profile.url());
            }
        });
        profiles.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> model.selectProfile(after));
        profiles.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                model.connect();
            }
        });
        VBox left = new VBox(8, Controls.heading("Profiles"), profiles,
                Controls.button("delete-profile", "Delete", "mdi2d-delete-outline", "Delete the selected profile",
                        () -> model.deleteProfile(profiles.getSelectionModel().getSelectedItem())));
        VBox.setVgrow(profiles, Priority.ALWAYS);
        left.setPrefWidth(260);
        left.setPadding(new Insets(0, 16, 0, 0));

        TextField name = Controls.named(new TextField(), "profile-name", "Profile name");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextField url = Controls.named(new TextField(), "admin-url", "Admin API URL");
        url.setPromptText("http://127.0.0.1:9901");
        url.textProperty().bindBidirectional(model.urlProperty());
        PasswordField token = Controls.named(new PasswordField(), "admin-token", "Admin token");
        token.textProperty().bindBidirectional(model.tokenProperty());
        token.setOnAction(event -> model.connect());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.getColumnConstraints().addAll(new ColumnConstraints(110), new ColumnConstraints(200, 420, 600));
        form.addRow(0, Controls.fieldLabel("Name", name), name);
        form.addRow(1, Controls.fieldLabel("Admin URL", url), url);
        form.addRow(2, Controls.fieldLabel("Admin token", token), token);

        HBox buttons = new HBox(8,
                Controls.button("connect", "Connect", "mdi2l-lan-connect", "Connect to the runtime", model::connect),
                Controls.button("disconnect", "Disconnect", "mdi2l-lan-disconnect", "Disconnect from the runtime", model::disconnect),
                Controls.button("save-profile", "Save profile", "mdi2c-content-save-outline",
                        "Save this profile; the token is stored readable only by you", model::saveProfile));

        Label error = Controls.named(new Label(), "connection-error", "Connection error");
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        Label state = Controls.named(new Label(), "connection-state", "Connection state");
        state.textProperty().bind(Bindings.createStringBinding(() -> describe(model.stateProperty().get()), model.stateProperty()));
        state.getStyleClass().add("state-text");

        Label hint = new Label("The token is stored in your config directory, readable only by you, and never logged.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);

        VBox right = new VBox(14, Controls.heading("Connect to a runtime"), form, buttons, state, error, hint);
        setLeft(left);
        setCenter(right);
        setPadding(new Insets(16));
    }

    private static String describe(ConnectionState state) {
        return switch (state) {
            case DISCONNECTED -> "Not connected";
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Reconnecting…";
            case FAILED -> "Connection failed";
        };
    }
}
