package dev.tollgate.model.api;

import java.time.Instant;

/**
 * The live stream's {@code reset} event, sent when the events after the client's {@code Last-Event-ID}
 * are no longer available.
 *
 * @param requestedLastEventId the {@code Last-Event-ID} the client sent, or null when it was not a number
 * @param latestEventId the id of the newest event the node has sent, which live events follow
 */
public record StreamReset(Instant at, Long requestedLastEventId, long latestEventId, String reason) {}
