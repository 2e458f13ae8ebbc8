package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.upstream.UpstreamPool;
import java.util.Objects;

/**
 * The proxy's view of one route, resolved once when a snapshot is compiled so the request path
 * does no lookups in the config document.
 *
 * @param routeId the route's id
 * @param pool the upstream pool the route sends to
 * @param connect connect timeout and pool sizing for the route's upstream
 * @param responseTimeoutMillis from sending the request upstream until the whole response arrived;
 *     504 when it expires before the response started, an aborted response after that
 * @param preserveHost send the client's {@code Host} upstream instead of the target's
 * @param rewriteLocation rewrite absolute {@code Location} headers that point at the target
 * @param rewriteCookieDomain rewrite the {@code Domain} of {@code Set-Cookie} to the client's host
 */
public record RouteSettings(
        String routeId,
        UpstreamPool pool,
        UpstreamConnectSettings connect,
        long responseTimeoutMillis,
        boolean preserveHost,
        boolean rewriteLocation,
        boolean rewriteCookieDomain) {

    public RouteSettings {
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(connect, "connect");
        if (responseTimeoutMillis <= 0) {
            throw new IllegalArgumentException("responseTimeoutMillis must be greater than 0, was " + responseTimeoutMillis);
        }
    }
}
