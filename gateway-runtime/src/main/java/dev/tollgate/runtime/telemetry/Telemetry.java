package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.RouteMetrics;
import dev.tollgate.model.api.StatusCounts;
import dev.tollgate.model.api.StreamEvents;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's telemetry: records every exchange on the request path, publishes a {@code metrics}
 * stream event each interval, and serves {@code /metrics}, the live stream and recent traffic
 * through {@link #endpoints()}.
 *
 * <h2>Series and labels</h2>
 * Series are keyed by route id today. Exchanges that matched no route count under
 * {@value #UNMATCHED_ROUTE}, and exchanges of routes beyond {@link TelemetrySettings#maxTrackedRoutes}
 * count under {@value #OVERFLOW_ROUTE}; neither can collide with a route id, which starts with a letter
 * or digit. Consumer, credential and policy version arrive in {@link CompletedExchange} but are not
 * labels yet, because each multiplies the series count. The plan is counters only (requests by
 * status class, rate-limit rejections) per consumer and per credential version, each in its own
 * bounded map with the same overflow series. Policy versions get latency histograms only for the two
 * cohorts of a running rollout. Route histograms stay keyed by route alone.
 *
 * <h2>Threads</h2>
 * {@link #onExchangeStarted} and {@link #onExchangeCompleted} run on Jetty threads and take no lock.
 * The interval task and the heartbeat run on the injected scheduler. Endpoints run on the admin
 * server's threads and return without waiting for any subscriber's writes.
 */
public final class Telemetry implements ExchangeObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);

    /** Series of exchanges that matched no route. */
    public static final String UNMATCHED_ROUTE = "_unmatched";
    /** Series of routes beyond the tracked-route limit. */
    public static final String OVERFLOW_ROUTE = "_other";
    /** {@code routeId} of the totals in a {@link MetricsEvent}. */
    public static final String TOTALS_ROUTE = "*";

    private static final int MAX_FAILURE_REASONS = 64;

    private final TelemetrySettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final String nodeId;

    private final ConcurrentHashMap<String, RouteSeries> routes = new ConcurrentHashMap<>();
    private final RouteSeries unmatched;
    private final RouteSeries overflow;
    private final ReasonCounters gatewayFailures = new ReasonCounters(MAX_FAILURE_REASONS);
    private final ReasonCounters authFailures = new ReasonCounters(MAX_FAILURE_REASONS);
    private final StreamHub hub;
    private final TelemetryEndpoints endpoints;

    private volatile QueryRedactor redactor;
    private volatile int recentCapacity;
    private volatile Set<String> configuredRoutes;
    private volatile long configRevision;

    // Used by the interval task only.
    private final Histogram totalsLatency = RouteSeries.newIntervalHistogram();
    private Instant lastIntervalAt;

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private boolean started;
    private boolean closed;

    public Telemetry(TelemetrySettings settings, Clock clock, ScheduledExecutorService scheduler, String nodeId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.recentCapacity = settings.recentTrafficPerRoute();
        this.redactor = new QueryRedactor(settings.sensitiveQueryParameters());
        this.unmatched = new RouteSeries(UNMATCHED_ROUTE, recentCapacity, false);
        this.overflow = new RouteSeries(OVERFLOW_ROUTE, recentCapacity, true);
        this.hub = new StreamHub(clock, settings.replayEvents(), settings.maxSubscribers());
        this.lastIntervalAt = clock.instant();
        this.endpoints = new TelemetryEndpoints(this, hub, settings);
    }

    /** Schedules the interval task and the stream heartbeat. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("telemetry of node " + nodeId + " was closed; create a new one");
        }
        if (started) {
            return;
        }
        started = true;
        lastIntervalAt = clock.instant();
        tasks.add(scheduler.scheduleAtFixedRate(this::runInterval, settings.intervalMillis(),
                settings.intervalMillis(), TimeUnit.MILLISECONDS));
        tasks.add(scheduler.scheduleAtFixedRate(this::runHeartbeat, settings.heartbeatMillis(),
                settings.heartbeatMillis(), TimeUnit.MILLISECONDS));
        LOG.info("Telemetry started on node {}: metrics every {} ms, stream heartbeat every {} ms",
                nodeId, settings.intervalMillis(), settings.heartbeatMillis());
    }

    /** Cancels the scheduled tasks and ends every open stream. The scheduler belongs to the caller. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        int open = hub.subscriberCount();
        hub.closeAll();
        LOG.info("Telemetry stopped on node {}; ended {} open {}", nodeId, open, open == 1 ? "stream" : "streams");
    }

    @Override
    public void onExchangeStarted(String routeId) {
        if (routeId != null) {
            seriesFor(routeId).recordStarted();
        }
    }

    @Override
    public void onExchangeCompleted(CompletedExchange exchange) {
        RouteSeries series = exchange.routeId() == null ? unmatched : seriesFor(exchange.routeId());
        if (exchange.failure() != null) {
            gatewayFailures.increment(exchange.failure());
        }
        series.recordCompleted(redacted(exchange));
    }

    private RouteSeries seriesFor(String routeId) {
        RouteSeries series = routes.get(routeId);
        if (series != null) {
            return series;
        }
        if (routes.size() >= settings.maxTrackedRoutes()) {
            return overflow;
        }
        return routes.computeIfAbsent(routeId, id -> new RouteSeries(id, recentCapacity, true));
    }

    /** Returns the exchange itself unless its query contains a sensitive value, so the common case allocates nothing. */
    private CompletedExchange redacted(CompletedExchange exchange) {
        String path = exchange.rawPathAndQuery();
        String redactedPath = redactor.redact(path);
        if (redactedPath == path) {
            return exchange;
        }
        return new CompletedExchange(exchange.startedAtEpochMillis(), exchange.requestId(), exchange.routeId(),
                exchange.method(), redactedPath, exchange.status(), exchange.latencyNanos(),
                exchange.upstreamLatencyNanos(), exchange.target(), exchange.consumerId(), exchange.credentialId(),
                exchange.policyVersion(), exchange.requestBytes(), exchange.responseBytes(),
                exchange.clientAddress(), exchange.failure());
    }

    /** Publishes a {@code config} event and sets the revision that metrics events and {@code /metrics} report. */
    public void onConfigChanged(ConfigEvent event) {
        Objects.requireNonNull(event, "event");
        configRevision = event.revision();
        hub.publish(StreamEvents.CONFIG, event);
    }

    /** Counts a rejected admin request by {@code reason}, a short fixed word such as {@code missing_token}. */
    public void recordAuthFailure(String reason) {
        authFailures.increment(reason);
    }

    /** Sets the query parameters whose values recent traffic redacts from now on (case-insensitive). */
    public void updateSensitiveQueryParameters(List<String> names) {
        redactor = new QueryRedactor(List.copyOf(names));
    }

    /** Resizes every route's recent-traffic ring and keeps the newest entries. A capacity of 0 keeps none. */
    public void updateRecentCapacity(int perRoute) {
        TelemetrySettings.requireRecentCapacity(perRoute);
        recentCapacity = perRoute;
        unmatched.resizeRecent(perRoute);
        overflow.resizeRecent(perRoute);
        routes.values().forEach(series -> series.resizeRecent(perRoute));
    }

    /**
     * Sets the route ids of the serving config. Series of other routes are dropped after the next
     * interval has published their last figures, once they have no exchange in flight.
     */
    public void updateRoutes(Collection<String> routeIds) {
        configuredRoutes = Set.copyOf(routeIds);
    }

    /**
     * Takes what telemetry needs from a newly applied config: its route ids, its sensitive query
     * parameters and its recent-traffic capacity. Equivalent to calling {@link #updateRoutes},
     * {@link #updateSensitiveQueryParameters} and {@link #updateRecentCapacity}.
     */
    public void applyConfig(GatewayConfig config) {
        updateRoutes(config.routes().stream().map(Route::id).toList());
        updateSensitiveQueryParameters(config.gateway().redactedQueryParameters());
        updateRecentCapacity(config.gateway().recentTrafficPerRoute());
    }

    /** Publishes any event on the live stream, for example {@code rotation}, {@code rollout} or {@code alert}. */
    public long publishEvent(String eventName, Object data) {
        return hub.publish(eventName, data);
    }

    public TelemetryEndpoints endpoints() {
        return endpoints;
    }

    public String nodeId() {
        return nodeId;
    }

    public long configRevision() {
        return configRevision;
    }

    private void runInterval() {
        try {
            publishInterval();
        } catch (RuntimeException e) {
            // A failure must not cancel the fixed-rate task, so it is logged and the next interval runs.
            LOG.error("Telemetry interval on node {} failed", nodeId, e);
        }
    }

    private void runHeartbeat() {
        try {
            hub.heartbeat();
        } catch (RuntimeException e) {
            LOG.error("Stream heartbeat on node {} failed", nodeId, e);
        }
    }

    /**
     * Swaps every series' histograms, publishes one {@code metrics} event and drops series of routes
     * no longer configured. Runs on the scheduler, and tests call it directly after moving the clock.
     */
    MetricsEvent publishInterval() {
        Instant now = clock.instant();
        long elapsedMillis = now.toEpochMilli() - lastIntervalAt.toEpochMilli();
        // A wall clock stepped backwards (for example by NTP) leaves no usable elapsed time, so the
        // scheduled period is used instead, which keeps the rates from being inflated.
        long intervalMillis = elapsedMillis > 0 ? elapsedMillis : settings.intervalMillis();
        lastIntervalAt = now;
        double intervalSeconds = intervalMillis / 1_000.0;

        totalsLatency.reset();
        StatusCounts totalStatuses = StatusCounts.ZERO;
        long totalRateLimited = 0;
        long totalInFlight = 0;
        List<RouteMetrics> routeFigures = new ArrayList<>();
        for (RouteSeries series : seriesInOrder()) {
            RouteSeries.IntervalSample sample = series.sampleInterval(intervalSeconds);
            totalsLatency.add(sample.latencyMicros());
            totalStatuses = totalStatuses.plus(sample.figures().statuses());
            totalRateLimited += sample.figures().rateLimited();
            totalInFlight += sample.figures().inFlight();
            if (series != overflow || series.everUsed()) {
                routeFigures.add(sample.figures());
            }
        }
        RouteSeries.IntervalSample unmatchedSample = unmatched.sampleInterval(intervalSeconds);
        totalsLatency.add(unmatchedSample.latencyMicros());
        totalStatuses = totalStatuses.plus(unmatchedSample.figures().statuses());
        totalRateLimited += unmatchedSample.figures().rateLimited();

        RouteMetrics totals = RouteSeries.figures(TOTALS_ROUTE, totalsLatency, intervalSeconds, totalStatuses,
                totalRateLimited, totalInFlight);
        MetricsEvent event = new MetricsEvent(now, intervalMillis, nodeId, configRevision, totals,
                List.copyOf(routeFigures), unmatchedSample.latencyMicros().getTotalCount());
        hub.publish(StreamEvents.METRICS, event);
        dropRemovedRoutes();
        return event;
    }

    /** Tracked route series sorted by id, then the overflow series. */
    private List<RouteSeries> seriesInOrder() {
        List<RouteSeries> ordered = new ArrayList<>(routes.values());
        ordered.sort(Comparator.comparing(series -> series.routeId));
        ordered.add(overflow);
        return ordered;
    }

    private void dropRemovedRoutes() {
        Set<String> configured = configuredRoutes;
        if (configured == null) {
            return;
        }
        routes.values().removeIf(series -> !configured.contains(series.routeId) && series.inFlight() == 0);
    }

    // Read by the endpoints.

    List<RouteSeries> routeSeriesForExport() {
        List<RouteSeries> ordered = new ArrayList<>(routes.values());
        ordered.sort(Comparator.comparing(series -> series.routeId));
        if (overflow.everUsed()) {
            ordered.add(overflow);
        }
        ordered.add(unmatched);
        return ordered;
    }

    RouteSeries trackedSeries(String routeId) {
        return switch (routeId) {
            case UNMATCHED_ROUTE -> unmatched;
            case OVERFLOW_ROUTE -> overflow;
            default -> routes.get(routeId);
        };
    }

    ReasonCounters gatewayFailures() {
        return gatewayFailures;
    }

    ReasonCounters authFailures() {
        return authFailures;
    }

    StreamHub hub() {
        return hub;
    }
}
