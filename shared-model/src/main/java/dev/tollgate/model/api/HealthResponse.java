package dev.tollgate.model.api;

/** Response body of {@code GET /admin/v1/health}; {@code status} is {@code UP} or {@code DOWN}. */
public record HealthResponse(String status, long configRevision) {}
