package dev.tollgate.model.api;

/** Event names on {@code /admin/v1/stream}. */
public final class StreamEvents {

    public static final String METRICS = "metrics";
    public static final String CONFIG = "config";
    public static final String ALERT = "alert";
    public static final String ROTATION = "rotation";
    public static final String ROLLOUT = "rollout";
    /**
     * Sent instead of a replay when the {@code Last-Event-ID} a client resumed with is no longer
     * retained (or came from an earlier run of the node): the client missed events and should reload
     * its state. Its data is a {@link StreamReset}.
     */
    public static final String RESET = "reset";

    private StreamEvents() {}
}
