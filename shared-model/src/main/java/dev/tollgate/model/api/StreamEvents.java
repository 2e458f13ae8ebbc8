package dev.tollgate.model.api;

/** Event names on {@code /admin/v1/stream}. */
public final class StreamEvents {

    public static final String METRICS = "metrics";
    public static final String CONFIG = "config";
    public static final String ALERT = "alert";

    private StreamEvents() {}
}
