package dev.tollgate.model.api;

import java.time.Instant;

/**
 * One accepted config revision.
 *
 * @param hash SHA-256 of the revision's canonical JSON, hex
 * @param author id of the admin token (or {@code file}, {@code cli}) that made the change
 * @param action what made it: {@code seed}, {@code replace}, {@code route.create}, {@code rollback}, ...
 */
public record RevisionSummary(long revision, String hash, Instant createdAt, String author, String action) {}
