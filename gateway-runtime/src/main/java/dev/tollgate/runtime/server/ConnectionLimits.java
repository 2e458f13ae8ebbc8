package dev.tollgate.runtime.server;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Bounds on what one connector lets clients hold open, against slow-request (slowloris) and
 * connection-flood attacks.
 *
 * @param maxDataConnections open connections the data connector accepts; further clients wait in
 *     the TCP backlog until one closes
 * @param maxAdminConnections the same for the admin connector, counted apart so that a flood of
 *     the data port leaves the admin port reachable
 * @param requestHeadTimeout time a client has to send a complete HTTP/1.1 request head (request
 *     line and headers), counted from its first byte; see {@link RequestHeadTimeout}
 */
public record ConnectionLimits(int maxDataConnections, int maxAdminConnections, Duration requestHeadTimeout) {

    public static final int DEFAULT_MAX_DATA_CONNECTIONS = 4_096;
    public static final int DEFAULT_MAX_ADMIN_CONNECTIONS = 256;
    /**
     * The initial header timeout of {@code RequestReadTimeout header=20-40,MinRate=500}, the setting
     * that Apache httpd 2.4's mod_reqtimeout documentation recommends.
     */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(20);
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_DATA_CONNECTIONS,
            DEFAULT_MAX_ADMIN_CONNECTIONS, DEFAULT_REQUEST_HEAD_TIMEOUT);

    public ConnectionLimits {
        requirePositive(maxDataConnections, "maxDataConnections");
        requirePositive(maxAdminConnections, "maxAdminConnections");
        Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
        if (requestHeadTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestHeadTimeout must be at least 1 ms, was " + requestHeadTimeout);
        }
    }

    public ConnectionLimits withMaxDataConnections(int value) {
        return new ConnectionLimits(value, maxAdminConnections, requestHeadTimeout);
    }

    public ConnectionLimits withMaxAdminConnections(int value) {
        return new ConnectionLimits(maxDataConnections, value, requestHeadTimeout);
    }

    public ConnectionLimits withRequestHeadTimeout(Duration value) {
        return new ConnectionLimits(maxDataConnections, maxAdminConnections, value);
    }

    /** Adds the connection cap and the request-head deadline to an unstarted connector. */
    void applyTo(Server server, ServerConnector connector, int maxConnections) {
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
        connector.addBean(new RequestHeadTimeout(connector.getScheduler(), requestHeadTimeout.toMillis()));
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
