package dev.tollgate.runtime.store;

import dev.tollgate.model.api.AuditEntry;
import java.util.List;

/** The append-only record of every admin mutation. */
public interface AuditLog {

    /**
     * Appends one entry and makes it durable before returning. The log assigns the sequence number
     * and the time; the values passed in {@code entry} for them are ignored.
     *
     * @return the entry as stored
     */
    AuditEntry append(AuditEntry entry);

    /**
     * Returns up to {@code limit} entries, newest first, whose sequence is below {@code beforeSequence}
     * ({@link Long#MAX_VALUE} for the newest page).
     */
    List<AuditEntry> page(long beforeSequence, int limit);
}
