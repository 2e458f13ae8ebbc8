package dev.tollgate.runtime.store;

import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import java.util.Objects;

/** A document together with the revision it was stored as. */
public record StoredConfig(GatewayConfig config, RevisionSummary summary) {

    public StoredConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(summary, "summary");
    }

    public long revision() {
        return summary.revision();
    }

    /** SHA-256 of the document's canonical JSON, hex. */
    public String hash() {
        return summary.hash();
    }
}
