package dev.tollgate.model.api;

import java.time.Instant;

/** The live stream's {@code config} event: the serving revision changed. */
public record ConfigEvent(Instant at, long revision, String hash, String author, String action) {}
