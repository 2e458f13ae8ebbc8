package dev.tollgate.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.SimulatedTraffic;
import dev.tollgate.console.viewmodel.ConsoleViewModel.Area;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class ConsoleFlowsUiTest extends ConsoleUiTest {

    @Test
    void connectShowsStatusBarAndRoutes(FxRobot robot) {
        connectThroughForm(robot);

        String status = onFx(() -> robot.lookup("#status-text").queryAs(Label.class).getText());
        assertThat(status).contains("node node-a", "version 0.1.0-test", "config revision 1");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        awaitFx(() -> console.model().areaProperty().get() == Area.ROUTES);
        TableView<?> table = robot.lookup("#routes-table").queryAs(TableView.class);
        assertThat(onFx(() -> table.getItems().size())).isEqualTo(2);
    }

    @Test
    void overviewKeepsTimingOutOfView(FxRobot robot) {
        connectThroughForm(robot);
        awaitFx(() -> robot.lookup("#sparkline-orders").tryQuery().isPresent());
        javafx.scene.Node ordersTile = robot.lookup("#sparkline-orders").query();

        new SimulatedTraffic(server).tick(Instant.now());
        awaitFx(() -> console.model().overview().eventsAppliedProperty().get() > 0);
        robot.interact(() -> console.model().refreshAll());
        awaitFx(() -> console.model().routes().currentProperty().get() != null);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#fx-update-timing").tryQuery()).isEmpty();
        List<String> texts = onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(texts).noneMatch(text -> text != null && text.contains("µs"));
        Label heading = onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
                .filter(label -> label.getText() != null && label.getText().startsWith("Requests per second by route")).findFirst().orElseThrow());
        assertThat(onFx(() -> heading.getTooltip().getText())).contains("updates", "µs");
        assertThat(robot.lookup("#sparkline-orders").<javafx.scene.Node>query()).isSameAs(ordersTile);
    }

    @Test
    void headersFitAndApplyWaitsForEdit(FxRobot robot) {
        connectThroughForm(robot);
        robot.interact(() -> console.model().areaProperty().set(Area.ROUTES));
        awaitFx(() -> console.model().routes().rows().size() == 2);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

        for (Area area : List.of(Area.ROUTES, Area.TRAFFIC, Area.CONFIG)) {
            robot.interact(() -> console.model().areaProperty().set(area));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            String table = switch (area) {
                case ROUTES -> "#routes-table";
                case TRAFFIC -> "#traffic-records";
                default -> "#revisions-table";
            };
            List<Label> headers = onFx(() -> robot.lookup(table + " .column-header .label").queryAllAs(Label.class).stream().toList());
            assertThat(headers).as(table).isNotEmpty();
            for (Label header : headers) {
                assertThat(onFx(header::isTextTruncated)).as(table + " header " + header.getText()).isFalse();
            }
        }
        robot.interact(() -> console.model().areaProperty().set(Area.ROUTES));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#editor-apply").queryButton().isDisabled())).isTrue();

        openRouteInEditor(robot, "orders");
        assertThat(onFx(() -> robot.lookup("#editor-apply").queryButton().isDisabled())).isTrue();
        robot.interact(() -> console.model().routes().editor().priorityProperty().set("9"));
        assertThat(onFx(() -> robot.lookup("#editor-apply").queryButton().isDisabled())).isFalse();
    }

    @Test
    void editedRouteSendsTrafficToNewUpstream(FxRobot robot) {
        connectThroughForm(robot);
        SimulatedTraffic traffic = new SimulatedTraffic(server);
        Instant beforeEdit = Instant.now();
        traffic.tick(beforeEdit);

        openRouteInEditor(robot, "orders");
        scrollIntoView(robot, robot.lookup("#editor-upstream").query());
        robot.clickOn("#editor-upstream .arrow-button");
        awaitFx(() -> robot.lookup("#editor-upstream").queryAs(javafx.scene.control.ComboBox.class).isShowing());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node choice = robot.lookup(".combo-box-popup .list-cell")
                .match((javafx.scene.control.Labeled cell) -> "orders-v2".equals(cell.getText())).query();
        robot.clickOn(choice);
        awaitFx(() -> "orders-v2".equals(console.model().routes().editor().upstreamIdProperty().get()));
        robot.clickOn("#editor-preview");
        awaitFx(() -> console.model().routes().editor().diffPreviewProperty().get().contains("orders-v2"));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        awaitFx(() -> console.model().routes().editor().messageProperty().get().equals("Applied as revision 2"));
        assertThat(server.ifMatchSeen()).containsExactly("\"1\"");
        assertThat(server.current().route("orders").orElseThrow().upstream()).isEqualTo("orders-v2");

        Instant afterEdit = beforeEdit.plusSeconds(30);
        traffic.tick(afterEdit);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        robot.interact(() -> console.model().traffic().drillDown("orders", afterEdit));
        awaitFx(() -> !console.model().traffic().records().isEmpty());
        List<TrafficRecord> records = onFx(() -> List.copyOf(console.model().traffic().records()));
        assertThat(records).extracting(TrafficRecord::target).containsOnly("http://127.0.0.1:9102");

        robot.interact(() -> console.model().traffic().drillDown("orders", beforeEdit));
        awaitFx(() -> console.model().traffic().records().stream().allMatch(record -> record.at().equals(beforeEdit)));
        List<TrafficRecord> earlier = onFx(() -> List.copyOf(console.model().traffic().records()));
        assertThat(earlier).extracting(TrafficRecord::target).containsOnly("http://127.0.0.1:9101");
    }

    @Test
    void conflictingEditShowsServerChangesAndRedoApplies(FxRobot robot) {
        connectThroughForm(robot);
        openRouteInEditor(robot, "users");
        javafx.scene.Node priority = robot.lookup("#editor-priority").query();
        robot.interact(priority::requestFocus);
        robot.write("5");

        List<Route> routes = new ArrayList<>(server.current().routes());
        routes.add(Route.of("health", RouteMatch.paths("/healthz"), "users"));
        server.replaceAsAnotherOperator(server.current().withRoutes(routes));
        robot.clickOn("#editor-apply");

        awaitFx(() -> console.model().routes().editor().conflictProperty().get());
        VBox conflict = robot.lookup("#conflict-pane").queryAs(VBox.class);
        assertThat(onFx(conflict::isVisible)).isTrue();
        assertThat(onFx(() -> console.model().routes().editor().conflictDiffProperty().get())).contains("id: health");

        robot.clickOn("#conflict-redo");
        awaitFx(() -> !console.model().routes().editor().conflictProperty().get());
        robot.clickOn("#editor-apply");

        awaitFx(() -> console.model().routes().editor().messageProperty().get().equals("Applied as revision 3"));
        assertThat(server.ifMatchSeen()).containsExactly("\"1\"", "\"2\"");
        assertThat(server.current().route("health")).isPresent();
        assertThat(server.current().route("users").orElseThrow().priority()).isEqualTo(5);
    }

    @Test
    void mapClickEditSurvivesTableReload(FxRobot robot) {
        connectThroughForm(robot);
        openRouteInEditor(robot, "orders");
        robot.clickOn("#tab-route-map");
        robot.clickOn("#map-route-users");
        awaitFx(() -> "users".equals(console.model().routes().editor().idProperty().get()));
        robot.interact(() -> console.model().routes().editor().priorityProperty().set("9"));

        List<Route> routes = new ArrayList<>(server.current().routes());
        routes.add(Route.of("health", RouteMatch.paths("/healthz"), "users"));
        server.replaceAsAnotherOperator(server.current().withRoutes(routes));
        awaitFx(() -> console.model().routes().rows().size() == 3);

        assertThat(onFx(() -> console.model().routes().editor().idProperty().get())).isEqualTo("users");
        assertThat(onFx(() -> console.model().routes().editor().priorityProperty().get())).isEqualTo("9");
        assertThat(onFx(() -> console.model().routes().editor().baseProperty().get().revision())).isEqualTo(1);
        TableView<?> table = robot.lookup("#routes-table").queryAs(TableView.class);
        assertThat(onFx(() -> ((dev.tollgate.console.viewmodel.RouteRow) table.getSelectionModel().getSelectedItem()).id()))
                .isEqualTo("users");
    }

    @Test
    void invalidEditMarksFieldWithoutSending(FxRobot robot) {
        connectThroughForm(robot);
        openRouteInEditor(robot, "users");
        robot.interact(() -> console.model().routes().editor().pathsProperty().set("users/{id}"));

        robot.clickOn("#editor-apply");

        awaitFx(() -> robot.lookup("#editor-paths").query().getStyleClass().contains("field-error"));
        assertThat(onFx(() -> ((javafx.scene.control.TextArea) robot.lookup("#editor-paths").query()).getTooltip().getText()))
                .startsWith("must start with \"/\"");
        assertThat(server.ifMatchSeen()).isEmpty();
    }

    @Test
    void undoRollsBackOnlyAfterConfirm(FxRobot robot) {
        connectThroughForm(robot);
        openRouteInEditor(robot, "orders");
        robot.interact(() -> console.model().routes().editor().upstreamIdProperty().set("orders-v2"));
        robot.clickOn("#editor-apply");
        awaitFx(() -> server.revision() == 2);
        awaitFx(() -> console.model().routes().currentProperty().get().revision() == 2);

        robot.clickOn("#routes-table");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(server.revision()).isEqualTo(2);

        awaitFx(() -> "Roll back to revision 1".equals(robot.lookup("#route-undo").queryButton().getText()));
        robot.clickOn("#route-undo");
        awaitFx(() -> robot.lookup("#route-undo-confirm").queryButton().isVisible());
        assertThat(server.revision()).isEqualTo(2);
        assertThat(robot.lookup("#route-undo-confirm").queryButton().getText()).isEqualTo("Roll back to revision 1");
        robot.clickOn("#route-undo-confirm");

        awaitFx(() -> server.revision() == 3);
        assertThat(server.current().route("orders").orElseThrow().upstream()).isEqualTo("orders-v1");
        awaitFx(() -> console.model().connection().configRevisionProperty().get() == 3);
        awaitFx(() -> console.model().routes().rows().stream().anyMatch(row -> row.id().equals("orders") && row.upstream().equals("orders-v1")));
        awaitFx(() -> "orders-v1".equals(console.model().routes().editor().upstreamIdProperty().get()));
        awaitFx(() -> "Revision 3 now serves the content of revision 1".equals(console.model().routes().messageProperty().get()));
    }
}
