package dev.tollgate.runtime.store;

import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import java.time.Instant;

/** The on-disk form of one revision: {@code current.json} and every {@code revisions/NNNNNNNNNNNN.json}. */
record RevisionDocument(
        long revision, String hash, Instant createdAt, String author, String action, GatewayConfig config) {

    static RevisionDocument of(StoredConfig stored) {
        RevisionSummary summary = stored.summary();
        return new RevisionDocument(summary.revision(), summary.hash(), summary.createdAt(), summary.author(),
                summary.action(), stored.config());
    }

    StoredConfig toStored() {
        return new StoredConfig(config, new RevisionSummary(revision, hash, createdAt, author, action));
    }
}
