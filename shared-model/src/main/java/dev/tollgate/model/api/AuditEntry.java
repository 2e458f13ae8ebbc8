package dev.tollgate.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of the append-only audit log.
 *
 * @param actor admin token id, {@code file} for a reload from disk, or {@code cli}
 * @param action for example {@code config.replace}, {@code route.update}, {@code token.create}
 * @param target the id acted on, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        long sequence, Instant at, String actor, String action, String target,
        Long revisionBefore, Long revisionAfter, String peerAddress) {}
