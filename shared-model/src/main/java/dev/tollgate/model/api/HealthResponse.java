package dev.tollgate.model.api;

/** What {@code GET /admin/v1/health} returns; {@code status} is {@code UP} or {@code DOWN}. */
public record HealthResponse(String status, long configRevision) {}
