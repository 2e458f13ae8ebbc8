package dev.tollgate.model.api;

import java.time.Instant;

/**
 * The live stream's {@code reset} event: events the client asked to resume from are gone.
 *
 * @param requestedLastEventId the {@code Last-Event-ID} the client sent, or null when it was not a number
 * @param latestEventId the id of the newest event the node has sent; live events follow it
 */
public record StreamReset(Instant at, Long requestedLastEventId, long latestEventId, String reason) {}
