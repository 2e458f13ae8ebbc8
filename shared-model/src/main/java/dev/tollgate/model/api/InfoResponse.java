package dev.tollgate.model.api;

import java.time.Instant;

/**
 * Response body of {@code GET /admin/v1/info}.
 *
 * @param configHash SHA-256 of the canonical JSON of the serving document, hex
 */
public record InfoResponse(
        String product, String version, String nodeId, Instant startedAt, long uptimeSeconds,
        long configRevision, String configHash, int routes, int upstreams) {}
