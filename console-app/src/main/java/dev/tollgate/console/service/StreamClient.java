package dev.tollgate.console.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.StreamEvents;
import dev.tollgate.model.api.StreamReset;
import dev.tollgate.model.json.ConfigMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code GET /admin/v1/stream} (server-sent events). When the stream drops it reconnects
 * with exponential {@link Backoff}, sending {@code Last-Event-ID} so the runtime can resume. A 401
 * or 403 stops it for good, because retrying with the same token cannot succeed.
 */
public final class StreamClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);
    private static final ObjectMapper MAPPER = ConfigMapper.json();

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String token;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final StreamListener listener;

    private final Object lock = new Object();
    private EventSource source;
    private ScheduledFuture<?> pendingReconnect;
    private String lastEventId;
    private int failedAttempts;
    private boolean closed;

    /**
     * @param http the shared client; the stream uses a copy of it without a read timeout, because
     *     the stream may be idle between events
     * @param scheduler runs reconnect delays and is owned by the caller
     */
    public StreamClient(OkHttpClient http, ConnectionProfile profile, Backoff backoff, ScheduledExecutorService scheduler,
            StreamListener listener) {
        this.http = http.newBuilder().readTimeout(Duration.ZERO).build();
        HttpUrl base = HttpUrl.parse(profile.url().trim());
        if (base == null) {
            throw new IllegalArgumentException("profile \"" + profile.name() + "\": \"" + profile.url() + "\" is not an http(s) URL");
        }
        this.url = base.resolve(AdminPaths.STREAM);
        this.token = profile.token();
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("stream client for " + url + " is closed; create a new one");
            }
            open();
        }
    }

    /** Returns the id of the last event received, which is sent as {@code Last-Event-ID} on reconnect. */
    public String lastEventId() {
        synchronized (lock) {
            return lastEventId;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
            if (source != null) {
                source.cancel();
            }
        }
        LOG.info("Stopped the live stream from {}", url);
    }

    private void open() {
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        source = EventSources.createFactory(http).newEventSource(request.build(), new Listener());
    }

    /**
     * @param reason a plain sentence for the status bar
     * @param logDetail the technical cause (status or exception), for the log only
     */
    private void scheduleReconnect(String reason, String logDetail) {
        int attempt;
        long delayMillis;
        synchronized (lock) {
            if (closed) {
                return;
            }
            failedAttempts++;
            attempt = failedAttempts;
            delayMillis = backoff.delayMillis(attempt);
            pendingReconnect = scheduler.schedule(this::reconnect, delayMillis, TimeUnit.MILLISECONDS);
        }
        LOG.warn("Live stream from {} lost ({}); reconnect attempt {} in {} ms", url, logDetail, attempt, delayMillis);
        listener.onStateChanged(new StreamListener.StreamState(ConnectionState.RECONNECTING, attempt, delayMillis, reason));
    }

    private void reconnect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            open();
        }
    }

    private final class Listener extends EventSourceListener {

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            int previousAttempts;
            synchronized (lock) {
                previousAttempts = failedAttempts;
                failedAttempts = 0;
            }
            if (previousAttempts > 0) {
                LOG.info("Live stream from {} reconnected after {} attempt(s)", url, previousAttempts);
            } else {
                LOG.info("Live stream from {} opened", url);
            }
            listener.onStateChanged(new StreamListener.StreamState(ConnectionState.CONNECTED, 0, 0, "live stream open"));
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            if (id != null) {
                synchronized (lock) {
                    lastEventId = id;
                }
            }
            try {
                dispatch(type == null ? "message" : type, data);
            } catch (IOException e) {
                LOG.warn("Skipped an unreadable {} event (id {}) from {}: {}", type, id, url, e.getMessage());
            }
        }

        @Override
        public void onClosed(EventSource eventSource) {
            scheduleReconnect("The runtime ended the live stream", "stream closed");
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable failure, Response response) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            if (response != null && (response.code() == 401 || response.code() == 403)) {
                String detail = "the runtime rejected the admin token (status " + response.code() + ")";
                LOG.error("Live stream from {} stopped: {}", url, detail);
                listener.onStateChanged(new StreamListener.StreamState(ConnectionState.FAILED, 0, 0, detail));
                return;
            }
            if (response != null) {
                scheduleReconnect("The runtime answered status " + response.code(), "status " + response.code());
            } else if (failure != null) {
                scheduleReconnect(NetworkFailures.describe(failure, url.toString()), failure.toString());
            } else {
                scheduleReconnect("The live stream failed", "no exception and no response");
            }
        }
    }

    private void dispatch(String type, String data) throws IOException {
        switch (type) {
            case StreamEvents.METRICS -> listener.onMetrics(MAPPER.readValue(data, MetricsEvent.class));
            case StreamEvents.CONFIG -> listener.onConfig(MAPPER.readValue(data, ConfigEvent.class));
            case StreamEvents.RESET -> {
                StreamReset reset = MAPPER.readValue(data, StreamReset.class);
                LOG.info("Live stream from {} could not resume after event {} ({}); reloading", url,
                        reset.requestedLastEventId(), reset.reason());
                listener.onReset(reset);
            }
            default -> LOG.debug("Ignored live stream event of type {}", type);
        }
    }
}
