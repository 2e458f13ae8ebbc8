package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.runtime.store.ConfigStore;
import dev.tollgate.runtime.store.StaleRevisionException;
import dev.tollgate.runtime.store.StoredConfig;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns an edit of the current document into a commit, with the If-Match rules every mutation
 * shares. With If-Match the edit applies only to that revision, and any other gets 412. Without it,
 * the edit is computed again on the newer revision when another writer got there first.
 */
final class ConfigMutations {

    /** Re-computations of an edit without If-Match before giving up with 412. */
    static final int MAX_ATTEMPTS = 5;

    private final ConfigStore store;

    ConfigMutations(ConfigStore store) {
        this.store = store;
    }

    /**
     * Commits {@code edit(current)} as a new revision.
     *
     * @param edit builds the new document from the current one; may throw {@link ApiException}
     *     (404, 409) to reject the change
     */
    RevisionSummary commit(AdminExchange exchange, String action, String target,
            Function<StoredConfig, GatewayConfig> edit) {
        StoredConfig base = store.current();
        OptionalLong expected = exchange.ifMatch(base.revision());
        for (int attempt = 1; ; attempt++) {
            GatewayConfig updated = edit.apply(base);
            try {
                return store.commit(updated, base.revision(), exchange.change(action, target));
            } catch (InvalidConfigException e) {
                throw ApiException.invalid("the change would make the config invalid; nothing was changed",
                        e.violations());
            } catch (StaleRevisionException e) {
                if (expected.isPresent() || attempt >= MAX_ATTEMPTS) {
                    throw ApiException.preconditionFailed("the config changed to revision " + e.currentRevision()
                            + " while this change was being made; reload and apply it again", e.currentRevision());
                }
                base = store.current();
            }
        }
    }
}
