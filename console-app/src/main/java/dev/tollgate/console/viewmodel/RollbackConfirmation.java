package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminApiException;
import dev.tollgate.console.service.AdminClient;
import dev.tollgate.model.api.ConfigDiff;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A two-step rollback: {@link #prepare} loads the diff from the serving revision to the target and
 * asks for confirmation, and only {@link #confirm} changes the live config. Nothing is sent to the
 * runtime between the two steps, so a view can show the diff and let the user cancel.
 */
public final class RollbackConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackConfirmation.class);

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;
    private final StringProperty message;

    private final BooleanProperty pending = new SimpleBooleanProperty();
    private final ObjectProperty<Long> targetRevision = new SimpleObjectProperty<>();
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty diff = new SimpleStringProperty("");

    /** @param message where the outcome of each step is reported */
    public RollbackConfirmation(BackgroundTasks tasks, ObservableValue<AdminClient> client, StringProperty message) {
        this.tasks = tasks;
        this.client = client;
        this.message = message;
    }

    /** Loads what rolling back from {@code servingRevision} to {@code target} would change, and waits for {@link #confirm}. */
    public void prepare(long servingRevision, long target) {
        AdminClient admin = client.getValue();
        if (admin == null) {
            message.set("Not connected");
            return;
        }
        if (target == servingRevision) {
            message.set("Revision " + target + " is already serving, so there is nothing to roll back");
            return;
        }
        tasks.run("diff revision " + servingRevision + " to " + target, () -> admin.diff(servingRevision, target), loaded -> {
            targetRevision.set(target);
            diff.set(describe(loaded));
            prompt.set("Roll back to revision " + target + "? Revision " + servingRevision
                    + " serves now, and the diff shows what would change.");
            pending.set(true);
            message.set("Review the diff, then confirm the rollback to revision " + target);
        }, failure -> message.set("Loading the diff for the rollback failed: " + failure.getMessage()));
    }

    /** Rolls back to the prepared target; {@code onRolledBack} receives the new serving revision. */
    public void confirm(LongConsumer onRolledBack) {
        AdminClient admin = client.getValue();
        Long target = targetRevision.get();
        if (!pending.get() || target == null) {
            message.set("Choose a revision to roll back to first");
            return;
        }
        if (admin == null) {
            message.set("Not connected");
            return;
        }
        clear();
        message.set("Rolling back to revision " + target + "…");
        tasks.run("roll back to revision " + target, () -> admin.rollback(target), rolledBack -> {
            LOG.info("Rolled back to the content of revision {} as revision {}", target, rolledBack.revision());
            message.set("Revision " + rolledBack.revision() + " now serves the content of revision " + target);
            onRolledBack.accept(rolledBack.revision());
        }, failure -> message.set(describeFailure(target, failure)));
    }

    /** Drops the prepared rollback without sending anything. */
    public void cancel() {
        if (pending.get()) {
            message.set("Rollback cancelled, nothing changed");
        }
        clear();
    }

    private void clear() {
        pending.set(false);
        targetRevision.set(null);
        prompt.set("");
        diff.set("");
    }

    static String describeFailure(long target, Exception failure) {
        if (failure instanceof AdminApiException api && api.status() == 403) {
            return "Rolling back to revision " + target + " needs an admin token; yours has the operator role";
        }
        return "Rolling back to revision " + target + " failed: " + failure.getMessage();
    }

    private static String describe(ConfigDiff loaded) {
        String unified = loaded.unifiedDiff();
        return unified == null || unified.isEmpty() ? "The two revisions have the same content" : unified;
    }

    /** True between {@link #prepare} and {@link #confirm} or {@link #cancel}. */
    public BooleanProperty pendingProperty() { return pending; }
    public ObjectProperty<Long> targetRevisionProperty() { return targetRevision; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty diffProperty() { return diff; }
}
