package dev.tollgate.console.view;

import dev.tollgate.console.viewmodel.RouteMap;
import dev.tollgate.console.viewmodel.RoutesViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;

/**
 * Hosts and paths → routes → upstreams → targets as four columns of boxes joined by curves. Route
 * boxes show live requests per second and take a health colour from their 5xx share.
 */
public final class RouteMapView extends ScrollPane {

    static final double COLUMN_WIDTH = 230;
    static final double COLUMN_GAP = 70;
    static final double ROW_HEIGHT = 54;
    static final double NODE_HEIGHT = 40;
    static final double MARGIN = 20;
    static final List<String> HEALTH_CLASSES = List.of("health-good", "health-warn", "health-bad", "health-idle");

    private final Pane canvas = new Pane();
    private final RoutesViewModel model;
    private final Map<String, Label> routeLabels = new HashMap<>();

    private final Consumer<String> onRouteClicked;

    /**
     * @param onRouteClicked receives the id of a route box the operator clicks
     */
    public RouteMapView(RoutesViewModel model, Consumer<String> onRouteClicked) {
        this.model = model;
        this.onRouteClicked = onRouteClicked;
        getStyleClass().add("route-map");
        setAccessibleText("Route map: hosts and paths, routes, upstreams and targets");
        canvas.getStyleClass().add("route-map-canvas");
        canvas.setPadding(new Insets(MARGIN));
        Label legend = new Label("Route border: green under 1% 5xx, amber under 5%, red 5% or more, dashed without traffic. "
                + "Figures are from the last live-stream interval; target health is not in the stream yet.");
        legend.getStyleClass().add("hint");
        legend.setWrapText(true);
        legend.setPadding(new Insets(8, MARGIN, 0, MARGIN));
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(legend, canvas);
        content.getStyleClass().add("route-map-canvas");
        setContent(content);
        setFitToWidth(true);
        setFitToHeight(true);
        model.mapProperty().addListener((observable, before, after) -> draw(after));
        model.liveRequestsPerSecond().addListener((MapChangeListener<String, Double>) change -> updateRoute(change.getKey()));
        draw(model.mapProperty().get());
    }

    private void draw(RouteMap map) {
        canvas.getChildren().clear();
        routeLabels.clear();
        Map<String, double[]> anchors = new HashMap<>();
        List<List<RouteMap.Node>> columns = List.of(map.entries(), map.routes(), map.upstreams(), map.targets());
        String[] titles = {"Hosts and paths", "Routes", "Upstreams", "Targets"};
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);

        for (int c = 0; c < columns.size(); c++) {
            double x = MARGIN + c * (COLUMN_WIDTH + COLUMN_GAP);
            Label title = new Label(titles[c]);
            title.getStyleClass().add("map-column-title");
            title.relocate(x, MARGIN);
            canvas.getChildren().add(title);
            List<RouteMap.Node> nodes = columns.get(c);
            double offset = (rows - nodes.size()) * ROW_HEIGHT / 2;
            for (int r = 0; r < nodes.size(); r++) {
                RouteMap.Node node = nodes.get(r);
                double y = MARGIN + 30 + offset + r * ROW_HEIGHT;
                Label box = new Label(node.label());
                box.getStyleClass().addAll("map-node", "map-node-" + node.layer().name().toLowerCase(Locale.ROOT));
                box.setPrefSize(COLUMN_WIDTH, NODE_HEIGHT);
                box.setMaxSize(COLUMN_WIDTH, NODE_HEIGHT);
                box.setAccessibleText(node.layer().name().toLowerCase(Locale.ROOT) + " " + node.label());
                box.relocate(x, y);
                canvas.getChildren().add(box);
                anchors.put(node.key(), new double[] {x, y + NODE_HEIGHT / 2});
                if (node.layer() == RouteMap.Layer.ROUTE) {
                    box.setId("map-" + node.key().replace(':', '-'));
                    box.setOnMouseClicked(event -> onRouteClicked.accept(node.label()));
                    box.setCursor(javafx.scene.Cursor.HAND);
                    box.setTooltip(new javafx.scene.control.Tooltip("Open route " + node.label() + " in the editor"));
                    routeLabels.put(node.label(), box);
                    updateRoute(node.label());
                }
            }
        }
        for (RouteMap.Edge edge : map.edges()) {
            double[] from = anchors.get(edge.fromKey());
            double[] to = anchors.get(edge.toKey());
            if (from == null || to == null) {
                continue;
            }
            double startX = from[0] + COLUMN_WIDTH;
            CubicCurve curve = new CubicCurve(startX, from[1], startX + COLUMN_GAP / 2, from[1], to[0] - COLUMN_GAP / 2, to[1], to[0], to[1]);
            curve.getStyleClass().add("map-edge");
            canvas.getChildren().addFirst(curve);
        }
        canvas.setPrefSize(MARGIN * 2 + 4 * COLUMN_WIDTH + 3 * COLUMN_GAP, MARGIN * 2 + 40 + rows * ROW_HEIGHT);
    }

    private void updateRoute(String routeId) {
        Label box = routeLabels.get(routeId);
        if (box == null) {
            return;
        }
        Double rps = model.liveRequestsPerSecond().get(routeId);
        Double errors = model.liveServerErrorPercent().get(routeId);
        box.setText(rps == null ? routeId + "\nno traffic yet"
                : String.format(Locale.ROOT, "%s\n%.1f req/s · %.1f%% 5xx", routeId, rps, errors == null ? 0 : errors));
        box.getStyleClass().removeAll(HEALTH_CLASSES);
        box.getStyleClass().add(healthClass(rps, errors));
    }

    static String healthClass(Double rps, Double serverErrorPercent) {
        if (rps == null || rps == 0) {
            return "health-idle";
        }
        double errors = serverErrorPercent == null ? 0 : serverErrorPercent;
        if (errors >= 5) {
            return "health-bad";
        }
        return errors >= 1 ? "health-warn" : "health-good";
    }
}
