package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminApiException;
import dev.tollgate.console.service.AdminClient;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.ConfigDiff;
import dev.tollgate.model.api.RevisionSummary;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The config area: the serving document as YAML, the revisions, a diff between two, and a confirmed rollback. */
public final class ConfigViewModel {

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;

    private final StringProperty yaml = new SimpleStringProperty("");
    private final ObservableList<RevisionSummary> revisions = FXCollections.observableArrayList();
    private final ObjectProperty<RevisionSummary> fromRevision = new SimpleObjectProperty<>();
    private final ObjectProperty<RevisionSummary> toRevision = new SimpleObjectProperty<>();
    private final StringProperty diff = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final Map<String, String> tokenDescriptions = new HashMap<>();
    private final Runnable onRolledBack;
    private final RollbackConfirmation rollback;
    /** Set after a rollback so the reload that follows keeps its outcome in the message. */
    private boolean keepMessageOnNextLoad;

    public ConfigViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client) {
        this(tasks, client, () -> {});
    }

    /** @param onRolledBack runs after a rollback this view model made, before its own reload */
    public ConfigViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client, Runnable onRolledBack) {
        this.tasks = tasks;
        this.client = client;
        this.onRolledBack = onRolledBack;
        this.rollback = new RollbackConfirmation(tasks, client, message);
    }

    public void refresh() {
        AdminClient admin = client.getValue();
        if (admin == null) {
            return;
        }
        tasks.run("load config YAML", admin::configYaml, yaml::set,
                failure -> message.set("Loading the config failed: " + failure.getMessage()));
        tasks.run("load revisions", () -> new Revisions(admin.revisions(), tokenDescriptions(admin)), loaded -> {
            tokenDescriptions.clear();
            tokenDescriptions.putAll(loaded.tokenDescriptions());
            showRevisions(loaded.revisions());
        }, failure -> message.set("Loading revisions failed: " + failure.getMessage()));
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

    /**
     * Starts a rollback to {@code revision}: loads the diff from the serving revision and waits for
     * {@link #confirmRollback()}. Nothing changes on the runtime yet.
     */
    public void prepareRollback(RevisionSummary revision) {
        if (client.getValue() == null || revision == null) {
            message.set("Choose a revision to roll back to");
            return;
        }
        if (revisions.isEmpty()) {
            message.set("The revisions are not loaded yet; refresh and try again");
            return;
        }
        rollback.prepare(revisions.getFirst().revision(), revision.revision());
    }

    /** Rolls back to the prepared revision and reloads the config, revisions and the routes area. */
    public void confirmRollback() {
        rollback.confirm(newRevision -> {
            keepMessageOnNextLoad = true;
            onRolledBack.run();
            refresh();
        });
    }

    /** The pending rollback, between {@link #prepareRollback} and {@link #confirmRollback()}. */
    public RollbackConfirmation rollback() {
        return rollback;
    }

    /**
     * Returns the author of a revision as one form everywhere: the token id, followed by the token's
     * description in brackets when it is known. Other authors ({@code file}, {@code cli}) stay as they are.
     */
    public String authorLabel(RevisionSummary revision) {
        String author = revision.author();
        if (author == null) {
            return "";
        }
        String description = tokenDescriptions.get(author);
        return description == null || description.isBlank() ? author : author + " (" + description + ")";
    }

    /** Maps token ids to descriptions; empty when the token may not list tokens (only admins may). */
    private static Map<String, String> tokenDescriptions(AdminClient admin) throws IOException, AdminApiException {
        try {
            Map<String, String> descriptions = new HashMap<>();
            for (AdminToken token : admin.tokens()) {
                if (token.description() != null) {
                    descriptions.put(token.id(), token.description());
                }
            }
            return descriptions;
        } catch (AdminApiException e) {
            if (e.status() == 403) {
                return Map.of();
            }
            throw e;
        }
    }

    private record Revisions(List<RevisionSummary> revisions, Map<String, String> tokenDescriptions) {}

    private void showRevisions(List<RevisionSummary> loaded) {
        List<RevisionSummary> newestFirst = loaded.stream().sorted(Comparator.comparingLong(RevisionSummary::revision).reversed()).toList();
        revisions.setAll(newestFirst);
        if (newestFirst.size() >= 2) {
            toRevision.set(newestFirst.get(0));
            fromRevision.set(newestFirst.get(1));
        }
        if (keepMessageOnNextLoad) {
            keepMessageOnNextLoad = false;
        } else {
            message.set(newestFirst.size() + " revisions");
        }
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
