package dev.tollgate.console.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteEditorViewModelTest {

    @TempDir
    Path configDirectory;

    @Test
    void invalidFieldsAreMarkedAndNothingIsSent() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.pathsProperty().set("orders/**");
            editor.upstreamIdProperty().set("missing-upstream");
            editor.targets().clear();
            editor.responseTimeoutMillisProperty().set("soon");

            editor.apply();

            assertThat(editor.fieldErrors()).containsKey(EditorField.RESPONSE_TIMEOUT);
            assertThat(editor.fieldErrors().get(EditorField.RESPONSE_TIMEOUT)).isEqualTo("\"soon\" is not a whole number of milliseconds");
            editor.responseTimeoutMillisProperty().set("2000");
            editor.apply();
            assertThat(editor.fieldErrors().get(EditorField.PATHS)).startsWith("must start with \"/\"");
            assertThat(editor.fieldErrors().get(EditorField.TARGETS)).startsWith("must list at least one target");
            assertThat(harness.server.ifMatchSeen()).isEmpty();
            assertThat(harness.server.revision()).isEqualTo(1);
        }
    }

    @Test
    void previewShowsYamlDiffOfTheEdit() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");

            assertThat(editor.preview()).isTrue();

            assertThat(editor.diffPreviewProperty().get()).startsWith("--- revision 1\n+++ your edit\n")
                    .containsPattern("(?m)^-\\s+upstream: orders-v1$")
                    .containsPattern("(?m)^\\+\\s+upstream: orders-v2$");
        }
    }

    @Test
    void applySendsIfMatchAndCreatesRevision() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            editor.targets().getFirst().weightProperty().set("5");
            editor.priorityProperty().set("7");

            editor.apply();

            assertThat(editor.messageProperty().get()).isEqualTo("Applied as revision 3");
            assertThat(harness.server.mutationsSeen())
                    .containsExactly("PUT /admin/v1/upstreams/orders-v2", "PUT /admin/v1/routes/orders");
            assertThat(harness.server.ifMatchSeen()).containsExactly("\"1\"", "\"2\"");
            GatewayConfig served = harness.server.current();
            assertThat(served.route("orders").orElseThrow().upstream()).isEqualTo("orders-v2");
            assertThat(served.route("orders").orElseThrow().priority()).isEqualTo(7);
            assertThat(served.upstream("orders-v2").orElseThrow().targets().getFirst().weight()).isEqualTo(5);
            assertThat(harness.console.routes().currentProperty().get().revision()).isEqualTo(3);
        }
    }

    @Test
    void operatorTokenAppliesRouteEdit() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.OPERATOR_TOKEN)) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.priorityProperty().set("7");

            editor.apply();

            assertThat(editor.messageProperty().get()).isEqualTo("Applied as revision 2");
            assertThat(harness.server.mutationsSeen()).containsExactly("PUT /admin/v1/routes/orders");
            assertThat(harness.server.ifMatchSeen()).containsExactly("\"1\"");
            assertThat(harness.server.current().route("orders").orElseThrow().priority()).isEqualTo(7);
        }
    }

    @Test
    void operatorUndoExplainsAdminRole() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.OPERATOR_TOKEN)) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.priorityProperty().set("7");
            editor.apply();
            RoutesViewModel routes = harness.console.routes();
            routes.prepareUndo();

            routes.confirmUndo();

            assertThat(harness.server.revision()).isEqualTo(2);
            assertThat(routes.messageProperty().get())
                    .isEqualTo("Rolling back to revision 1 needs an admin token; yours has the operator role");
        }
    }

    @Test
    void unchangedEditSendsNothing() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);

            editor.apply();

            assertThat(editor.messageProperty().get()).isEqualTo("The edit changes nothing");
            assertThat(harness.server.mutationsSeen()).isEmpty();
        }
    }

    @Test
    void renamedRouteIsCreatedThenOldRemoved() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.idProperty().set("orders-renamed");

            editor.apply();

            assertThat(harness.server.mutationsSeen())
                    .containsExactly("POST /admin/v1/routes", "DELETE /admin/v1/routes/orders");
            assertThat(harness.server.current().route("orders")).isEmpty();
            assertThat(harness.server.current().route("orders-renamed")).isPresent();
            assertThat(editor.messageProperty().get()).isEqualTo("Applied as revision 3");
        }
    }

    @Test
    void conflictShowsServerChangesAndReappliesOnTop() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            List<Route> routes = new ArrayList<>(harness.server.current().routes());
            routes.add(Route.of("health", RouteMatch.paths("/healthz"), "users"));
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(routes));

            editor.apply();

            assertThat(harness.server.ifMatchSeen()).containsExactly("\"1\"");
            assertThat(editor.conflictProperty().get()).isTrue();
            assertThat(editor.conflictDiffProperty().get()).contains("revision 1 (your base)", "revision 2 (server)")
                    .containsPattern("(?m)^\\+\\s+- id: health$");
            assertThat(editor.messageProperty().get()).contains("the server serves revision 2");

            editor.rebaseOntoServer();
            assertThat(editor.conflictProperty().get()).isFalse();
            assertThat(editor.diffPreviewProperty().get()).contains("--- revision 2")
                    .containsPattern("(?m)^\\+\\s+upstream: orders-v2$")
                    .doesNotContain("id: health");
            editor.apply();

            assertThat(harness.server.ifMatchSeen()).containsExactly("\"1\"", "\"2\"");
            GatewayConfig served = harness.server.current();
            assertThat(served.route("health")).isPresent();
            assertThat(served.route("orders").orElseThrow().upstream()).isEqualTo("orders-v2");
        }
    }

    @Test
    void serverViolationsAreMarkedOnFields() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            harness.server.rejectNextPut(List.of(
                    new dev.tollgate.model.validation.Violation("routes[0].match.paths[0]", "overlaps the admin API path"),
                    new dev.tollgate.model.validation.Violation("upstreams[1].targets[0].url", "resolves to the gateway itself"),
                    new dev.tollgate.model.validation.Violation("routes[1].upstream", "belongs to another route")));

            editor.apply();

            assertThat(editor.fieldErrors()).containsEntry(EditorField.PATHS, "overlaps the admin API path")
                    .containsEntry(EditorField.TARGETS, "resolves to the gateway itself")
                    .hasSize(2);
            assertThat(editor.generalErrors()).containsExactly("routes[1].upstream: belongs to another route");
            assertThat(editor.messageProperty().get()).startsWith("The runtime rejected the edit: PUT /admin/v1/routes/orders failed with status 422");
            assertThat(harness.server.revision()).isEqualTo(1);
        }
    }

    @Test
    void newRouteWithNewUpstreamIsAppended() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.console.routes().newRoute();
            RouteEditorViewModel editor = harness.console.routes().editor();
            editor.idProperty().set("billing");
            editor.pathsProperty().set("/billing/**");
            editor.methodsProperty().set("get, post");
            editor.headersProperty().set("X-Tenant: acme\nX-Debug");
            editor.upstreamIdProperty().set("billing");
            editor.targets().setAll(new TargetRow("http://127.0.0.1:9301", "2"));
            editor.rewriteKindProperty().set(RouteEditorViewModel.RewriteKind.STRIP_PREFIX);
            editor.rewriteValueProperty().set("/billing");

            editor.apply();

            assertThat(harness.server.mutationsSeen())
                    .containsExactly("PUT /admin/v1/upstreams/billing", "POST /admin/v1/routes");
            Route billing = harness.server.current().route("billing").orElseThrow();
            assertThat(billing.match().methods()).containsExactly("GET", "POST");
            assertThat(billing.match().headers()).containsEntry("X-Tenant", "acme").containsEntry("X-Debug", "*");
            assertThat(billing.rewrite().stripPrefix()).isEqualTo("/billing");
            assertThat(harness.server.current().upstream("billing").orElseThrow().targets().getFirst().weight()).isEqualTo(2);
        }
    }

    @Test
    void undoAsksBeforeRollingBack() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            editor.apply();
            RoutesViewModel routes = harness.console.routes();
            assertThat(routes.undoTargetProperty().get()).isEqualTo(1L);

            routes.prepareUndo();

            assertThat(harness.server.revision()).isEqualTo(2);
            assertThat(routes.rollback().pendingProperty().get()).isTrue();
            assertThat(routes.rollback().targetRevisionProperty().get()).isEqualTo(1L);
            assertThat(routes.rollback().diffProperty().get()).contains("-    upstream: orders-v2", "+    upstream: orders-v1");
        }
    }

    @Test
    void confirmedUndoReloadsEditor() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            editor.apply();
            RoutesViewModel routes = harness.console.routes();
            routes.prepareUndo();

            routes.confirmUndo();

            assertThat(harness.server.revision()).isEqualTo(3);
            assertThat(harness.server.current().route("orders").orElseThrow().upstream()).isEqualTo("orders-v1");
            assertThat(routes.messageProperty().get()).isEqualTo("Revision 3 now serves the content of revision 1");
            assertThat(routes.summaryProperty().get()).isEqualTo("2 routes in revision 3");
            assertThat(editor.baseProperty().get().revision()).isEqualTo(3);
            assertThat(editor.upstreamIdProperty().get()).isEqualTo("orders-v1");
            assertThat(routes.undoTargetProperty().get()).isEqualTo(2L);
        }
    }

    @Test
    void applyAfterUndoIsNoConflict() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            editor.apply();
            RoutesViewModel routes = harness.console.routes();
            routes.prepareUndo();
            routes.confirmUndo();

            editor.priorityProperty().set("7");
            assertThat(editor.preview()).isTrue();
            assertThat(editor.diffPreviewProperty().get()).startsWith("--- revision 3").contains("priority: 7")
                    .doesNotContain("orders-v2");
            editor.apply();

            assertThat(editor.conflictProperty().get()).isFalse();
            assertThat(harness.server.revision()).isEqualTo(4);
            assertThat(harness.server.current().route("orders").orElseThrow().upstream()).isEqualTo("orders-v1");
        }
    }

    @Test
    void configRollbackReloadsEditor() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = editOrders(harness);
            editor.upstreamIdProperty().set("orders-v2");
            editor.apply();
            ConfigViewModel config = harness.console.config();
            config.refresh();

            config.prepareRollback(config.revisions().getLast());
            config.confirmRollback();

            assertThat(harness.server.revision()).isEqualTo(3);
            assertThat(editor.baseProperty().get().revision()).isEqualTo(3);
            assertThat(editor.upstreamIdProperty().get()).isEqualTo("orders-v1");
            assertThat(editor.messageProperty().get()).isEqualTo("Reloaded from revision 3");
            assertThat(editor.preview()).isTrue();
            assertThat(editor.diffPreviewProperty().get()).isEqualTo("No changes");
        }
    }

    @Test
    void undoClosesEditorOfRemovedRoute() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RoutesViewModel routes = harness.console.routes();
            routes.newRoute();
            RouteEditorViewModel editor = routes.editor();
            editor.idProperty().set("billing");
            editor.pathsProperty().set("/billing/**");
            editor.apply();
            assertThat(harness.server.revision()).isEqualTo(2);

            routes.prepareUndo();
            routes.confirmUndo();

            assertThat(harness.server.current().route("billing")).isEmpty();
            assertThat(editor.editingProperty().get()).isFalse();
            assertThat(editor.baseProperty().get()).isNull();
        }
    }

    @Test
    void modifiedOnlyAfterUserChange() throws Exception {
        try (ViewModelHarness harness = connected()) {
            RouteEditorViewModel editor = harness.console.routes().editor();
            assertThat(editor.modifiedProperty().get()).isFalse();

            editOrders(harness);
            assertThat(editor.modifiedProperty().get()).isFalse();

            editor.targets().getFirst().weightProperty().set("3");
            assertThat(editor.modifiedProperty().get()).isTrue();

            editor.apply();
            assertThat(editor.messageProperty().get()).isEqualTo("Applied as revision 2");
            assertThat(editor.modifiedProperty().get()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "routes[1].match.paths[0], 1, 2, PATHS",
        "routes[1].match.headers.X-A, 1, 2, HEADERS",
        "routes[1].timeouts.responseMillis, 1, 2, RESPONSE_TIMEOUT",
        "routes[1].rewrite.stripPrefix, 1, 2, REWRITE",
        "routes[1].upstream, 1, 2, UPSTREAM",
        "upstreams[2].targets[0].url, 1, 2, TARGETS",
        "upstreams[2].hashOn, 1, 2, BALANCER",
    })
    void serverFieldPathsMapOntoEditorFields(String path, int routeIndex, int upstreamIndex, EditorField expected) {
        assertThat(EditorField.forViolation(path, routeIndex, upstreamIndex)).contains(expected);
    }

    @Test
    void fieldPathsOfOtherRoutesAreNotMapped() {
        assertThat(EditorField.forViolation("routes[0].match.paths[0]", 1, 2)).isEmpty();
        assertThat(EditorField.forViolation("upstreams[0].targets", 1, 2)).isEmpty();
        assertThat(EditorField.forViolation("gateway.trustedProxies[0]", 1, 2)).isEmpty();
    }

    private ViewModelHarness connected() throws Exception {
        return new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory).connect(FakeAdminServer.TOKEN);
    }

    private static RouteEditorViewModel editOrders(ViewModelHarness harness) {
        harness.console.routes().editRoute("orders");
        RouteEditorViewModel editor = harness.console.routes().editor();
        assertThat(editor.pathsProperty().get()).isEqualTo("/orders/**");
        assertThat(editor.targets()).hasSize(1);
        return editor;
    }
}
