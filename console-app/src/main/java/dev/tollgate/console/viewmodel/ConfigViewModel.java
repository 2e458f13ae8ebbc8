package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminClient;
import dev.tollgate.model.api.ConfigDiff;
import dev.tollgate.model.api.RevisionSummary;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The config area: the serving document as YAML, the revisions, a diff between two, and rollback. */
public final class ConfigViewModel {

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;

    private final StringProperty yaml = new SimpleStringProperty("");
    private final ObservableList<RevisionSummary> revisions = FXCollections.observableArrayList();
    private final ObjectProperty<RevisionSummary> fromRevision = new SimpleObjectProperty<>();
    private final ObjectProperty<RevisionSummary> toRevision = new SimpleObjectProperty<>();
    private final StringProperty diff = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");

    public ConfigViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client) {
        this.tasks = tasks;
        this.client = client;
    }

    public void refresh() {
        AdminClient admin = client.getValue();
        if (admin == null) {
            return;
        }
        tasks.run("load config YAML", admin::configYaml, yaml::set,
                failure -> message.set("Loading the config failed: " + failure.getMessage()));
        tasks.run("load revisions", admin::revisions, this::showRevisions,
                failure -> message.set("Loading revisions failed: " + failure.getMessage()));
    }

    /** Shows the diff between the chosen "from" and "to" revisions. */
    public void showDiff() {
        AdminClient admin = client.getValue();
        RevisionSummary from = fromRevision.get();
        RevisionSummary to = toRevision.get();
        if (admin == null || from == null || to == null) {
            message.set("Choose two revisions to compare");
            return;
        }
        tasks.run("diff revisions", () -> admin.diff(from.revision(), to.revision()), this::showDiff,
                failure -> message.set("Loading the diff failed: " + failure.getMessage()));
    }

    /** Makes the content of {@code revision} serve again, as a new revision. */
    public void rollbackTo(RevisionSummary revision) {
        AdminClient admin = client.getValue();
        if (admin == null || revision == null) {
            message.set("Choose a revision to roll back to");
            return;
        }
        tasks.run("roll back to revision " + revision.revision(), () -> admin.rollback(revision.revision()), rolledBack -> {
            message.set("Revision " + rolledBack.revision() + " now serves the content of revision " + revision.revision());
            refresh();
        }, failure -> message.set("Rollback failed: " + failure.getMessage()));
    }

    private void showRevisions(List<RevisionSummary> loaded) {
        List<RevisionSummary> newestFirst = loaded.stream().sorted(Comparator.comparingLong(RevisionSummary::revision).reversed()).toList();
        revisions.setAll(newestFirst);
        if (newestFirst.size() >= 2) {
            toRevision.set(newestFirst.get(0));
            fromRevision.set(newestFirst.get(1));
        }
        message.set(newestFirst.size() + " revisions");
    }

    private void showDiff(ConfigDiff loaded) {
        String summary = "revision " + loaded.fromRevision() + " → " + loaded.toRevision()
                + summarize("routes added", loaded.routesAdded()) + summarize("routes removed", loaded.routesRemoved())
                + summarize("routes changed", loaded.routesChanged()) + summarize("upstreams added", loaded.upstreamsAdded())
                + summarize("upstreams removed", loaded.upstreamsRemoved()) + summarize("upstreams changed", loaded.upstreamsChanged());
        message.set(summary);
        diff.set(loaded.unifiedDiff() == null || loaded.unifiedDiff().isEmpty() ? "No differences" : loaded.unifiedDiff());
    }

    private static String summarize(String label, List<String> ids) {
        return ids == null || ids.isEmpty() ? "" : "; " + label + ": " + String.join(", ", ids);
    }

    public StringProperty yamlProperty() {
        return yaml;
    }

    public ObservableList<RevisionSummary> revisions() {
        return revisions;
    }

    public ObjectProperty<RevisionSummary> fromRevisionProperty() {
        return fromRevision;
    }

    public ObjectProperty<RevisionSummary> toRevisionProperty() {
        return toRevision;
    }

    public StringProperty diffProperty() {
        return diff;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
