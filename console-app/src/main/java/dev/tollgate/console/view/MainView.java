package dev.tollgate.console.view;

import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.viewmodel.ConsoleViewModel;
import dev.tollgate.console.viewmodel.ConsoleViewModel.Area;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window's content: the areas as tabs, a toolbar with the theme switch, and the status bar. */
public final class MainView extends BorderPane {

    /** The two colour themes; each adds its stylesheet on top of the shared one. */
    public enum Theme { LIGHT, DARK }

    private static final KeyCode[] AREA_KEYS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};

    private final ConsoleViewModel model;
    private final TabPane areas = new TabPane();
    private final Map<Area, Tab> tabs = new EnumMap<>(Area.class);
    private final RoutesView routesView;
    private final TrafficView trafficView;
    private final ToggleButton darkTheme;
    private Theme theme = Theme.LIGHT;

    public MainView(ConsoleViewModel model) {
        this.model = model;
        getStyleClass().add("main-view");
        routesView = new RoutesView(model.routes());
        trafficView = new TrafficView(model.traffic());

        addArea(Area.CONNECTIONS, "Connections", "mdi2l-lan-connect", new ConnectionView(model.connection()));
        addArea(Area.OVERVIEW, "Overview", "mdi2v-view-dashboard-outline", new OverviewView(model.overview()));
        addArea(Area.ROUTES, "Routes", "mdi2s-sitemap-outline", routesView);
        addArea(Area.TRAFFIC, "Traffic", "mdi2c-chart-line", trafficView);
        addArea(Area.CONFIG, "Config", "mdi2f-file-document-outline", new ConfigView(model.config()));
        areas.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        areas.setId("areas");
        areas.setAccessibleText("Console areas");
        areas.getSelectionModel().select(tabs.get(model.areaProperty().get()));
        areas.getSelectionModel().selectedItemProperty().addListener((observable, before, after) ->
                model.areaProperty().set((Area) after.getUserData()));
        model.areaProperty().addListener((observable, before, after) -> {
            areas.getSelectionModel().select(tabs.get(after));
            trafficView.setShowing(after == Area.TRAFFIC);
        });
        trafficView.setShowing(model.areaProperty().get() == Area.TRAFFIC);

        darkTheme = new ToggleButton("Dark", new FontIcon("mdi2t-theme-light-dark"));
        darkTheme.setId("theme-toggle");
        darkTheme.setAccessibleText("Switch between light and dark theme (Ctrl+T)");
        darkTheme.setOnAction(event -> applyTheme(darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT));

        Label title = new Label("Tollgate console");
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, new FontIcon("mdi2b-boom-gate-outline"), title, spacer,
                Controls.button("refresh-all", "Refresh", "mdi2r-refresh", "Reload routes and config (Ctrl+R)", model::refreshAll),
                darkTheme);
        toolbar.getStyleClass().add("app-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 12, 6, 12));

        setTop(toolbar);
        setCenter(areas);
        setBottom(statusBar());
    }

    /** Adds the stylesheets and keyboard shortcuts to the window's scene. */
    public void install(Scene scene) {
        applyTheme(theme, scene);
        for (int i = 0; i < AREA_KEYS.length; i++) {
            Area area = Area.values()[i];
            scene.getAccelerators().put(new KeyCodeCombination(AREA_KEYS[i], KeyCombination.SHORTCUT_DOWN),
                    () -> model.areaProperty().set(area));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), model::refreshAll);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            if (model.areaProperty().get() == Area.ROUTES) {
                model.routes().editor().apply();
            }
        });
        // Ctrl+Z stays unbound on purpose: users expect it to undo locally, and rolling back changes the live config.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            model.areaProperty().set(Area.ROUTES);
            routesView.focusSearch();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN),
                () -> applyTheme(theme == Theme.LIGHT ? Theme.DARK : Theme.LIGHT));
    }

    public void applyTheme(Theme newTheme) {
        if (getScene() != null) {
            applyTheme(newTheme, getScene());
        }
    }

    private void applyTheme(Theme newTheme, Scene scene) {
        theme = newTheme;
        darkTheme.setSelected(newTheme == Theme.DARK);
        scene.getStylesheets().setAll(stylesheet("base.css"), stylesheet(newTheme == Theme.DARK ? "dark.css" : "light.css"));
        trafficView.applyTheme(newTheme == Theme.DARK);
    }

    public Theme theme() {
        return theme;
    }

    public RoutesView routesView() {
        return routesView;
    }

    private HBox statusBar() {
        Circle indicator = new Circle(5);
        indicator.getStyleClass().add("state-indicator");
        updateIndicator(indicator, model.connection().stateProperty().get());
        model.connection().stateProperty().addListener((observable, before, after) -> updateIndicator(indicator, after));
        Label text = new Label();
        text.setId("status-text");
        text.setAccessibleText("Connection status");
        text.textProperty().bind(model.connection().statusTextProperty());
        HBox bar = new HBox(8, indicator, text);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }

    private static void updateIndicator(Circle indicator, ConnectionState state) {
        indicator.getStyleClass().removeIf(style -> style.startsWith("state-"));
        indicator.getStyleClass().addAll("state-indicator", "state-" + state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void addArea(Area area, String title, String icon, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(new FontIcon(icon));
        tab.setUserData(area);
        tab.setId("area-" + area.name().toLowerCase(java.util.Locale.ROOT));
        int index = area.ordinal() + 1;
        tab.setTooltip(new javafx.scene.control.Tooltip(title + " (Ctrl+" + index + ")"));
        tabs.put(area, tab);
        areas.getTabs().add(tab);
    }

    private static String stylesheet(String name) {
        return Objects.requireNonNull(MainView.class.getResource(name), "stylesheet " + name + " is missing").toExternalForm();
    }
}
