package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.config.GatewaySettings;
import java.util.List;

/**
 * Sizes and periods of the telemetry subsystem.
 *
 * @param intervalMillis period of the {@code metrics} stream event and of the histogram swap
 * @param heartbeatMillis period of the SSE comment line that keeps idle streams and proxies open,
 *     which must be shorter than the admin connector's idle timeout
 * @param replayEvents stream events kept for clients that resume with {@code Last-Event-ID}
 * @param subscriberQueueEvents events queued for one subscriber before it counts as slow and is
 *     disconnected
 * @param maxSubscribers concurrent stream subscribers; further requests get 503
 * @param maxTrackedRoutes route series kept at once, each costing about 0.6 MiB of histograms;
 *     exchanges of further routes are counted under {@link Telemetry#OVERFLOW_ROUTE}
 * @param recentTrafficPerRoute initial size of each route's recent-traffic ring; 0 keeps no summaries
 * @param sensitiveQueryParameters initial query parameter names whose values are redacted
 */
public record TelemetrySettings(
        long intervalMillis, long heartbeatMillis, int replayEvents, int subscriberQueueEvents,
        int maxSubscribers, int maxTrackedRoutes, int recentTrafficPerRoute, List<String> sensitiveQueryParameters) {

    /** Maximum of {@code gateway.recentTrafficPerRoute}, the same bound the config validator applies. */
    public static final int MAX_RECENT_TRAFFIC_PER_ROUTE = 100_000;

    public static final TelemetrySettings DEFAULTS = new TelemetrySettings(
            1_000, 15_000, 300, 64, 256, 256,
            GatewaySettings.DEFAULT_RECENT_TRAFFIC_PER_ROUTE, GatewaySettings.DEFAULT_SENSITIVE_QUERY_PARAMETERS);

    public TelemetrySettings {
        requirePositive("intervalMillis", intervalMillis);
        requirePositive("heartbeatMillis", heartbeatMillis);
        requirePositive("replayEvents", replayEvents);
        requirePositive("subscriberQueueEvents", subscriberQueueEvents);
        requirePositive("maxSubscribers", maxSubscribers);
        requirePositive("maxTrackedRoutes", maxTrackedRoutes);
        requireRecentCapacity(recentTrafficPerRoute);
        sensitiveQueryParameters = sensitiveQueryParameters == null ? List.of() : List.copyOf(sensitiveQueryParameters);
    }

    public TelemetrySettings withIntervalMillis(long value) {
        return new TelemetrySettings(value, heartbeatMillis, replayEvents, subscriberQueueEvents, maxSubscribers,
                maxTrackedRoutes, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withHeartbeatMillis(long value) {
        return new TelemetrySettings(intervalMillis, value, replayEvents, subscriberQueueEvents, maxSubscribers,
                maxTrackedRoutes, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withReplayEvents(int value) {
        return new TelemetrySettings(intervalMillis, heartbeatMillis, value, subscriberQueueEvents, maxSubscribers,
                maxTrackedRoutes, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withSubscriberQueueEvents(int value) {
        return new TelemetrySettings(intervalMillis, heartbeatMillis, replayEvents, value, maxSubscribers,
                maxTrackedRoutes, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withMaxSubscribers(int value) {
        return new TelemetrySettings(intervalMillis, heartbeatMillis, replayEvents, subscriberQueueEvents, value,
                maxTrackedRoutes, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withMaxTrackedRoutes(int value) {
        return new TelemetrySettings(intervalMillis, heartbeatMillis, replayEvents, subscriberQueueEvents,
                maxSubscribers, value, recentTrafficPerRoute, sensitiveQueryParameters);
    }

    public TelemetrySettings withRecentTrafficPerRoute(int value) {
        return new TelemetrySettings(intervalMillis, heartbeatMillis, replayEvents, subscriberQueueEvents,
                maxSubscribers, maxTrackedRoutes, value, sensitiveQueryParameters);
    }

    static void requireRecentCapacity(int perRoute) {
        if (perRoute < 0 || perRoute > MAX_RECENT_TRAFFIC_PER_ROUTE) {
            throw new IllegalArgumentException("recentTrafficPerRoute is " + perRoute + "; it must be between 0 and "
                    + MAX_RECENT_TRAFFIC_PER_ROUTE);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
        }
    }
}
