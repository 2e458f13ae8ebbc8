package dev.tollgate.runtime.proxy;

import dev.tollgate.model.config.Upstream;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ContinueProtocolHandler;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.DuplexConnectionPool;
import org.eclipse.jetty.client.EarlyHintsProtocolHandler;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProcessingProtocolHandler;
import org.eclipse.jetty.client.ProtocolHandlers;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.UpgradeProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The Jetty {@link HttpClient} the gateway sends upstream requests with: one per runtime, HTTP/1.1
 * with pooled keep-alive connections, no redirects, no cookies, no content decoding and no
 * {@code User-Agent} of its own, so responses reach the client as the upstream sent them.
 *
 * <p>Each request carries its route's {@link UpstreamConnectSettings} as the origin tag, so Jetty
 * keeps a separate destination per target and settings. That destination's pool is sized by
 * {@code maxConnections}, its idle connections close after {@code idleTimeoutMillis}, and opening
 * a connection fails after {@code connectTimeoutMillis}.
 */
public final class UpstreamHttpClient extends HttpClient {

    /** Backstop for the socket connect; the per-destination deadline is normally much shorter. */
    private static final Duration CONNECT_TIMEOUT_CEILING = Duration.ofMinutes(2);
    private static final int MAX_QUEUED_REQUESTS_PER_DESTINATION = 8_192;
    /**
     * How long an unused destination is kept. A reload that changes a route's connect settings
     * creates new destinations; this removes the old ones and their pools.
     */
    private static final long DESTINATION_IDLE_TIMEOUT_MILLIS = 300_000;

    private UpstreamHttpClient(HttpClientTransportOverHTTP transport) {
        super(transport);
    }

    /** Builds an unstarted client with its own thread pool; start it before the server. */
    public static UpstreamHttpClient create() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tollgate-upstream");
        return create(threads);
    }

    /**
     * Builds an unstarted client that runs on {@code executor}. Sharing the server's thread pool
     * saves threads and hand-overs between pools; the caller owns the executor and stops it.
     */
    public static UpstreamHttpClient create(Executor executor) {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(executor);
        connector.setConnectTimeout(CONNECT_TIMEOUT_CEILING);
        connector.setSslContextFactory(new SslContextFactory.Client());

        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        transport.setConnectionPoolFactory(TunedConnectionPool::new);

        UpstreamHttpClient client = new UpstreamHttpClient(transport);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_CEILING.toMillis());
        client.setIdleTimeout(Upstream.DEFAULT_IDLE_TIMEOUT_MILLIS);
        client.setMaxRequestsQueuedPerDestination(MAX_QUEUED_REQUESTS_PER_DESTINATION);
        client.setDestinationIdleTimeout(DESTINATION_IDLE_TIMEOUT_MILLIS);
        return client;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getContentDecoderFactories().clear();
        ProtocolHandlers handlers = getProtocolHandlers();
        handlers.clear();
        handlers.put(new ContinueForwarder());
        handlers.put(new ProcessingForwarder());
        handlers.put(new EarlyHintsForwarder());
        // WebSocket connections to upstreams are HTTP/1.1 upgrades.
        handlers.put(new UpgradeProtocolHandler());
    }

    /** Fails a new connection that is not established within the destination's connect timeout. */
    @Override
    public void newConnection(Destination destination, Promise<Connection> promise) {
        if (!(destination.getOrigin().getTag() instanceof UpstreamConnectSettings settings)) {
            super.newConnection(destination, promise);
            return;
        }
        ConnectDeadline deadline = new ConnectDeadline(destination, promise, settings.connectTimeoutMillis());
        deadline.task = getScheduler().schedule(deadline::expire, settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        super.newConnection(destination, deadline);
    }

    private static final class ConnectDeadline implements Promise<Connection> {
        private final Destination destination;
        private final Promise<Connection> promise;
        private final long connectTimeoutMillis;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Scheduler.Task task;

        ConnectDeadline(Destination destination, Promise<Connection> promise, long connectTimeoutMillis) {
            this.destination = destination;
            this.promise = promise;
            this.connectTimeoutMillis = connectTimeoutMillis;
        }

        @Override
        public void succeeded(Connection connection) {
            if (settled.compareAndSet(false, true)) {
                cancelTask();
                promise.succeeded(connection);
            } else {
                // The deadline already failed the requests waiting for this connection.
                connection.close();
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                cancelTask();
                promise.failed(failure);
            }
        }

        void expire() {
            if (settled.compareAndSet(false, true)) {
                promise.failed(new UpstreamConnectTimeoutException(destination.getOrigin().asString(), connectTimeoutMillis));
            }
        }

        private void cancelTask() {
            Scheduler.Task scheduled = task;
            if (scheduled != null) {
                scheduled.cancel();
            }
        }
    }

    /** A pool sized by the destination's settings whose idle connections time out per upstream. */
    private static final class TunedConnectionPool extends DuplexConnectionPool {
        private final long idleTimeoutMillis;

        TunedConnectionPool(Destination destination) {
            super(destination, settingsOf(destination).maxConnections());
            this.idleTimeoutMillis = settingsOf(destination).idleTimeoutMillis();
        }

        @Override
        protected void onCreated(Connection connection) {
            super.onCreated(connection);
            // Jetty restores the endpoint's idle timeout after every exchange, so this value is
            // what an idle pooled connection waits before it is closed.
            if (connection instanceof org.eclipse.jetty.io.Connection ioConnection) {
                ioConnection.getEndPoint().setIdleTimeout(idleTimeoutMillis);
            }
        }

        private static UpstreamConnectSettings settingsOf(Destination destination) {
            if (destination.getOrigin().getTag() instanceof UpstreamConnectSettings settings) {
                return settings;
            }
            return new UpstreamConnectSettings(Upstream.DEFAULT_CONNECT_TIMEOUT_MILLIS, Upstream.DEFAULT_IDLE_TIMEOUT_MILLIS,
                    Upstream.DEFAULT_MAX_CONNECTIONS_PER_TARGET);
        }
    }

    private static UpstreamAttempt attemptOf(Request upstreamRequest) {
        return upstreamRequest.getAttributes().get(UpstreamAttempt.ATTRIBUTE) instanceof UpstreamAttempt attempt ? attempt : null;
    }

    /** Starts reading the client's body only once the upstream has sent 100 Continue. */
    private static final class ContinueForwarder extends ContinueProtocolHandler {
        @Override
        protected Runnable onContinue(Request upstreamRequest) {
            UpstreamAttempt attempt = attemptOf(upstreamRequest);
            return attempt == null ? super.onContinue(upstreamRequest) : attempt::upstreamContinued;
        }
    }

    /** Relays 102 Processing to the client. */
    private static final class ProcessingForwarder extends ProcessingProtocolHandler {
        @Override
        protected void onProcessing(Request upstreamRequest, HttpFields headers) {
            super.onProcessing(upstreamRequest, headers);
            UpstreamAttempt attempt = attemptOf(upstreamRequest);
            if (attempt != null) {
                attempt.forwardInterim(HttpStatus.PROCESSING_102, headers);
            }
        }
    }

    /** Relays 103 Early Hints to the client. */
    private static final class EarlyHintsForwarder extends EarlyHintsProtocolHandler {
        @Override
        protected void onEarlyHints(Request upstreamRequest, HttpFields headers) {
            super.onEarlyHints(upstreamRequest, headers);
            UpstreamAttempt attempt = attemptOf(upstreamRequest);
            if (attempt != null) {
                attempt.forwardInterim(HttpStatus.EARLY_HINTS_103, headers);
            }
        }
    }
}
