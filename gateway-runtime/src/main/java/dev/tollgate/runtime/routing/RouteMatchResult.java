package dev.tollgate.runtime.routing;

import java.util.Map;

/**
 * The route the {@link Router} chose for a request and what its path pattern captured.
 *
 * @param route the winning route
 * @param pathParameters {@code {name}} captures, still percent-encoded as they appear in the
 *     normalised path; empty when the pattern has none
 * @param remainder the part of the normalised path that the catch-all {@code **} took: empty,
 *     or starting with {@code /} ({@code /api/**} gives {@code ""} for {@code /api}, {@code "/"}
 *     for {@code /api/} and {@code "/x/y"} for {@code /api/x/y}); empty for patterns without
 *     {@code **}
 */
public record RouteMatchResult(CompiledRoute route, Map<String, String> pathParameters, String remainder) {

    public RouteMatchResult {
        if (route == null) {
            throw new IllegalArgumentException("route must not be null");
        }
        pathParameters = pathParameters == null ? Map.of() : pathParameters;
        remainder = remainder == null ? "" : remainder;
    }

    /**
     * Applies the route's rewrite to the normalised path.
     *
     * @return the path to send upstream, without a query, or null when the route has no rewrite.
     *     Then the upstream gets the client's raw path byte for byte.
     */
    public String rewritePath(String normalizedPath) {
        PathRewrite rewrite = route.rewrite();
        if (rewrite == null) {
            return null;
        }
        return rewrite.apply(normalizedPath, pathParameters, remainder);
    }

    /**
     * Builds the gateway-to-upstream request target: the rewritten path, or the client's raw path
     * when the route has no rewrite, followed by the client's raw query unchanged.
     *
     * @param rawQuery the query without {@code ?}, or null when the request had none
     */
    public String upstreamTarget(String rawPath, String normalizedPath, String rawQuery) {
        String rewritten = rewritePath(normalizedPath);
        String path = rewritten == null ? rawPath : rewritten;
        return rawQuery == null ? path : path + "?" + rawQuery;
    }
}
