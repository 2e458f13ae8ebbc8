package dev.tollgate.runtime.proxy;

/**
 * Connection settings of one route's upstream. It is the tag of Jetty's {@code Origin},
 * so requests with different settings get separate destinations and connection pools.
 *
 * @param connectTimeoutMillis TCP (and TLS) connect timeout; a connect that takes longer fails the
 *     request with 502
 * @param idleTimeoutMillis how long a pooled keep-alive connection may stay idle before the gateway
 *     closes it
 * @param maxConnections size of the connection pool per target
 */
public record UpstreamConnectSettings(long connectTimeoutMillis, long idleTimeoutMillis, int maxConnections) {

    public UpstreamConnectSettings {
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeoutMillis must be greater than 0, was " + connectTimeoutMillis);
        }
        if (idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("idleTimeoutMillis must be greater than 0, was " + idleTimeoutMillis);
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be greater than 0, was " + maxConnections);
        }
    }
}
