package dev.tollgate.runtime.store;

import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import java.util.List;
import java.util.Optional;

/**
 * The versioned config document: the serving revision, its history and the only way to change it.
 *
 * <p>Commits are serialised: a commit names the revision it was based on, and when another commit
 * got there first it fails with {@link StaleRevisionException}, so two concurrent writers never
 * both succeed. A successful commit has been validated, compiled by the bound
 * {@link dev.tollgate.runtime.config.ConfigApplier} and made durable before it returns.
 */
public interface ConfigStore {

    /** The serving document with its revision and hash. */
    StoredConfig current();

    /** Every revision still held, oldest first. */
    List<RevisionSummary> revisions();

    /** Returns the document of one revision, or empty when the store has no such revision. */
    Optional<StoredConfig> revision(long revision);

    /**
     * Validates, applies and persists {@code config} as the next revision.
     *
     * @param expectedRevision the revision the change was based on
     * @throws StaleRevisionException when the current revision is no longer {@code expectedRevision}
     * @throws dev.tollgate.model.validation.InvalidConfigException when the document breaks a rule or
     *     the applier cannot compile it; nothing changes
     * @throws StoreWriteException when the new revision could not be made durable; the previous
     *     revision keeps serving
     */
    RevisionSummary commit(GatewayConfig config, long expectedRevision, Change change);

    /** Shorthand for {@link #commit(GatewayConfig, long, Change)} without a target or peer. */
    default RevisionSummary commit(GatewayConfig config, long expectedRevision, String author, String action) {
        return commit(config, expectedRevision, new Change(author, action, null, null));
    }

    /** Registers a listener that receives every committed revision, after it is durable. */
    void addListener(RevisionListener listener);

    /** The audit log every mutation of this store is appended to. */
    AuditLog auditLog();

    /** True until the first revision is committed; the store then serves the empty revision 0. */
    default boolean isEmpty() {
        return current().revision() == 0;
    }

    /** The place the store keeps its data, for messages: a directory or a server address. */
    String location();

    /** Returns the record of the config file last applied, if any. */
    Optional<ConfigFileState> configFileState();

    /** Stores {@code state} durably for the next start or reload. */
    void recordConfigFile(ConfigFileState state);

    /**
     * Runs {@code action} while no other commit can start, so a check of the current revision and
     * the commit that depends on it cannot interleave with another writer. Commits made by
     * {@code action} itself are allowed.
     */
    void withCommitLock(Runnable action);

    /**
     * The author and kind of a change, as recorded in the revision and the audit log.
     *
     * @param author admin token id, {@code file} or {@code cli}
     * @param action for example {@code config.replace} or {@code route.update}
     * @param target the id acted on, or null
     * @param peerAddress the client address of the admin request, or null
     */
    record Change(String author, String action, String target, String peerAddress) {

        public Change {
            if (author == null || author.isBlank()) {
                throw new IllegalArgumentException("a change needs an author (token id, file or cli)");
            }
            if (action == null || action.isBlank()) {
                throw new IllegalArgumentException("a change needs an action, for example config.replace");
            }
        }
    }

    /** Receives each committed revision on the committing thread, after it is durable and serving. */
    @FunctionalInterface
    interface RevisionListener {
        void onCommitted(StoredConfig committed, Change change);
    }
}
