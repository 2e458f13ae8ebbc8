package dev.tollgate.console.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import dev.tollgate.model.api.RevisionSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigViewModelTest {

    @TempDir
    Path configDirectory;

    @Test
    void refreshLoadsYamlAndRevisions() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(harness.server.current().routes().subList(0, 1)));
            ConfigViewModel config = harness.console.config();

            config.refresh();

            assertThat(config.yamlProperty().get()).contains("/orders/**").doesNotContain("/users/{id}");
            assertThat(config.revisions()).extracting(RevisionSummary::revision).containsExactly(2L, 1L);
            assertThat(config.fromRevisionProperty().get().revision()).isEqualTo(1);
            assertThat(config.toRevisionProperty().get().revision()).isEqualTo(2);
        }
    }

    @Test
    void diffShowsRemovedRoute() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(harness.server.current().routes().subList(0, 1)));
            ConfigViewModel config = harness.console.config();
            config.refresh();

            config.showDiff();

            assertThat(config.diffProperty().get()).startsWith("--- revision 1\n+++ revision 2\n").containsPattern("(?m)^-\\s+- id: users$");
            assertThat(config.messageProperty().get()).startsWith("revision 1 → 2");
        }
    }

    @Test
    void rollbackWaitsForConfirmation() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(harness.server.current().routes().subList(0, 1)));
            ConfigViewModel config = harness.console.config();
            config.refresh();

            config.prepareRollback(config.revisions().getLast());

            assertThat(harness.server.revision()).isEqualTo(2);
            assertThat(config.rollback().pendingProperty().get()).isTrue();
            assertThat(config.rollback().promptProperty().get()).startsWith("Roll back to revision 1? Revision 2 serves now");
            assertThat(config.rollback().diffProperty().get()).containsPattern("(?m)^\\+\\s+- id: users$");

            config.confirmRollback();

            assertThat(harness.server.revision()).isEqualTo(3);
            assertThat(harness.server.current().route("users")).isPresent();
            assertThat(config.rollback().pendingProperty().get()).isFalse();
            assertThat(config.messageProperty().get()).isEqualTo("Revision 3 now serves the content of revision 1");
            assertThat(config.revisions()).extracting(RevisionSummary::action).first().isEqualTo("rollback");
        }
    }

    @Test
    void cancelledRollbackChangesNothing() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(harness.server.current().routes().subList(0, 1)));
            ConfigViewModel config = harness.console.config();
            config.refresh();
            config.prepareRollback(config.revisions().getLast());

            config.rollback().cancel();
            config.confirmRollback();

            assertThat(harness.server.revision()).isEqualTo(2);
            assertThat(config.messageProperty().get()).isEqualTo("Choose a revision to roll back to first");
        }
    }

    @Test
    void diffWithoutChosenRevisionsAsksForThem() throws Exception {
        try (ViewModelHarness harness = connected()) {
            ConfigViewModel config = harness.console.config();

            config.showDiff();

            assertThat(config.messageProperty().get()).isEqualTo("Choose two revisions to compare");
        }
    }

    @Test
    void authorShowsTokenIdAndDescription() throws Exception {
        try (ViewModelHarness harness = connected()) {
            harness.server.replaceAsAnotherOperator(harness.server.current().withRoutes(harness.server.current().routes().subList(0, 1)));
            ConfigViewModel config = harness.console.config();
            config.refresh();
            config.prepareRollback(config.revisions().getLast());
            config.confirmRollback();

            List<String> authors = config.revisions().stream().map(config::authorLabel).toList();

            assertThat(authors).containsExactly("test (console tests)", "other-operator", "file");
        }
    }

    @Test
    void authorWithoutTokenListIsId() throws Exception {
        try (ViewModelHarness harness = new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory)
                .connect(FakeAdminServer.OPERATOR_TOKEN)) {
            RouteEditorViewModel editor = harness.console.routes().editor();
            harness.console.routes().editRoute("orders");
            editor.priorityProperty().set("4");
            editor.apply();
            ConfigViewModel config = harness.console.config();
            config.refresh();

            assertThat(config.authorLabel(config.revisions().getFirst())).isEqualTo("op-1");
            assertThat(config.messageProperty().get()).isEqualTo("2 revisions");
        }
    }

    private ViewModelHarness connected() throws Exception {
        return new ViewModelHarness(new FakeAdminServer(Fixtures.twoRoutes()).start(), configDirectory).connect(FakeAdminServer.TOKEN);
    }
}
