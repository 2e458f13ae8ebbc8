package dev.tollgate.runtime.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.tollgate.runtime.proxy.GatewayHandler;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty {@link Server} with a data connector and, optionally, an admin connector on its own
 * address and port. Requests are dispatched by the connector they arrived on, so the admin API
 * can never be reached through the data port.
 *
 * <p>Both connectors speak HTTP/1.1 and HTTP/2: h2c (upgrade and prior knowledge) in clear text,
 * or TLS with ALPN ({@code h2}, {@code http/1.1}) when a keystore is configured.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    /**
     * Listen addresses and TLS of the server.
     *
     * @param bindAddress address of the data connector, e.g. {@code 0.0.0.0}
     * @param port data port; 0 picks a free one
     * @param adminBindAddress address of the admin connector, loopback unless set otherwise
     * @param adminPort admin port, 0 picks a free one, null means no admin connector
     * @param tls keystore for TLS on both connectors, or null for clear text
     * @param limits connection caps and the request-head timeout of both connectors
     */
    public record Settings(String bindAddress, int port, String adminBindAddress, Integer adminPort, TlsSettings tls,
            ConnectionLimits limits) {

        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(adminBindAddress, "adminBindAddress");
            Objects.requireNonNull(limits, "limits");
            requirePort(port, "port");
            if (adminPort != null) {
                requirePort(adminPort, "adminPort");
            }
        }

        /** Settings with {@link ConnectionLimits#DEFAULTS}. */
        public Settings(String bindAddress, int port, String adminBindAddress, Integer adminPort, TlsSettings tls) {
            this(bindAddress, port, adminBindAddress, adminPort, tls, ConnectionLimits.DEFAULTS);
        }

        private static void requirePort(int port, String name) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
            }
        }
    }

    private final Server server;
    private final ServerConnector dataConnector;
    private final ServerConnector adminConnector;

    /**
     * @param dataHandler serves every request on the data port
     * @param adminHandler serves the admin port; null makes it respond with 404
     */
    public GatewayServer(Settings settings, Handler dataHandler, Handler adminHandler) {
        this(settings, newThreadPool(), dataHandler, adminHandler);
    }

    /**
     * @param threads the server's thread pool; when it is started already, the caller owns it and
     *     stops it after the server
     */
    public GatewayServer(Settings settings, ThreadPool threads, Handler dataHandler, Handler adminHandler) {
        server = new Server(threads);
        server.setStopTimeout(5_000);

        dataConnector = newConnector(settings.tls(), settings.bindAddress(), settings.port(), "data");
        server.addConnector(dataConnector);
        settings.limits().applyTo(server, dataConnector, settings.limits().maxDataConnections());
        if (settings.adminPort() != null) {
            adminConnector = newConnector(settings.tls(), settings.adminBindAddress(), settings.adminPort(), "admin");
            server.addConnector(adminConnector);
            settings.limits().applyTo(server, adminConnector, settings.limits().maxAdminConnections());
        } else {
            adminConnector = null;
        }
        server.setHandler(new ConnectorDispatcher(dataHandler, adminHandler, adminConnector));
        server.setErrorHandler(new ProblemErrorHandler(
                dataHandler instanceof GatewayHandler gateway ? gateway : null, dataConnector));
    }

    /** Returns an unstarted thread pool named for the gateway, for sharing with the upstream client. */
    public static QueuedThreadPool newThreadPool() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tollgate");
        return threads;
    }

    public void start() throws Exception {
        server.start();
        LOG.info("Data port listening on {}:{}{}", dataConnector.getHost(), dataConnector.getLocalPort(),
                adminConnector == null ? "" : "; admin port on " + adminConnector.getHost() + ":" + adminConnector.getLocalPort());
    }

    public int dataPort() {
        return dataConnector.getLocalPort();
    }

    /** Returns the admin port, or -1 when there is no admin connector. */
    public int adminPort() {
        return adminConnector == null ? -1 : adminConnector.getLocalPort();
    }

    public Server jettyServer() {
        return server;
    }

    /**
     * Stops accepting connections, waits up to the stop timeout (5 s) for exchanges in flight,
     * then closes what is left.
     */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Returns the request-parsing rules of both connectors. RFC 9110 compliance with no exceptions
     * rejects the request-smuggling vectors of RFC 9112 sections 6.1, 6.3 and 7.1 with 400 and a
     * closed connection. Those are Transfer-Encoding together with Content-Length, several
     * Content-Length values, bare LF line endings, whitespace before a header's colon, obs-fold and
     * malformed chunk sizes. Jetty's RFC9110 mode accepts bare LF, so that exception is removed.
     *
     * <p>Ambiguous path encodings ({@code %2F}, {@code %2E}, empty segments) are let through
     * because the gateway forwards the raw path unchanged and its own normaliser resolves them
     * for routing.
     */
    static HttpConfiguration httpConfiguration() {
        HttpConfiguration config = new HttpConfiguration();
        config.setHttpCompliance(HttpCompliance.RFC9110.without("RFC9110_STRICT_LINE_ENDINGS",
                HttpCompliance.Violation.LF_HEADER_TERMINATION));
        config.setUriCompliance(UriCompliance.DEFAULT.with("GATEWAY_RAW_PATH",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER));
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // The upstream's Date is forwarded; a second one from the gateway would duplicate it.
        config.setSendDateHeader(false);
        return config;
    }

    private ServerConnector newConnector(TlsSettings tls, String host, int port, String name) {
        HttpConfiguration config = httpConfiguration();
        List<ConnectionFactory> factories = new ArrayList<>();
        if (tls == null) {
            factories.add(new HttpConnectionFactory(config));
            factories.add(new HTTP2CServerConnectionFactory(config));
        } else {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients often reach a gateway by IP or by a name the certificate does not list.
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);

            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
            ssl.setKeyStorePassword(tls.password());

            HttpConnectionFactory http11 = new HttpConnectionFactory(config);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), http11.getProtocol());
            alpn.setDefaultProtocol(http11.getProtocol());
            factories.add(new SslConnectionFactory(ssl, alpn.getProtocol()));
            factories.add(alpn);
            factories.add(h2);
            factories.add(http11);
        }
        ServerConnector connector = new ServerConnector(server, factories.toArray(ConnectionFactory[]::new));
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * Sends each request to the handler of the connector it arrived on. It is non-blocking
     * itself; an admin handler that may block runs on a pool thread so the data plane keeps
     * Jetty's non-blocking dispatch.
     */
    private static final class ConnectorDispatcher extends Handler.AbstractContainer {
        private final Handler dataHandler;
        private final Handler adminHandler;
        private final Connector adminConnector;

        ConnectorDispatcher(Handler dataHandler, Handler adminHandler, Connector adminConnector) {
            this.dataHandler = Objects.requireNonNull(dataHandler, "dataHandler");
            this.adminHandler = adminHandler;
            this.adminConnector = adminConnector;
            addBean(dataHandler);
            if (adminHandler != null) {
                addBean(adminHandler);
            }
        }

        @Override
        public List<Handler> getHandlers() {
            return adminHandler == null ? List.of(dataHandler) : List.of(dataHandler, adminHandler);
        }

        @Override
        public InvocationType getInvocationType() {
            return dataHandler.getInvocationType();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (adminConnector == null || request.getConnectionMetaData().getConnector() != adminConnector) {
                return dataHandler.handle(request, response, callback);
            }
            if (adminHandler == null) {
                return false;
            }
            if (adminHandler.getInvocationType() == InvocationType.NON_BLOCKING) {
                return adminHandler.handle(request, response, callback);
            }
            getServer().getThreadPool().execute(() -> handleAdmin(request, response, callback));
            return true;
        }

        private void handleAdmin(Request request, Response response, Callback callback) {
            try {
                if (!adminHandler.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable failure) {
                LOG.warn("Admin request {} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
                Response.writeError(request, response, callback, failure);
            }
        }
    }
}
