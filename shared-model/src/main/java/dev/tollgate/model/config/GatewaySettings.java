package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings that apply to every route.
 *
 * @param trustedProxies CIDR blocks (for example {@code 10.0.0.0/8}) whose {@code Forwarded},
 *     {@code X-Forwarded-*} and {@code X-Real-IP} headers are believed; from any other TCP peer
 *     those headers are replaced
 * @param sensitiveQueryParameters query parameter names whose values are redacted in the access log
 *     and the recent-traffic view, matched case-insensitively, in addition to
 *     {@link #DEFAULT_SENSITIVE_QUERY_PARAMETERS}; see {@link #redactedQueryParameters()}
 * @param recentTrafficPerRoute how many request summaries the recent-traffic ring keeps per route
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewaySettings(
        List<String> trustedProxies, List<String> sensitiveQueryParameters, Integer recentTrafficPerRoute) {

    public static final int DEFAULT_RECENT_TRAFFIC_PER_ROUTE = 200;
    public static final List<String> DEFAULT_SENSITIVE_QUERY_PARAMETERS =
            List.of("api_key", "apikey", "key", "token", "access_token", "signature", "sig", "password", "secret");
    public static final GatewaySettings DEFAULTS = new GatewaySettings(null, null, null);

    public GatewaySettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        sensitiveQueryParameters = sensitiveQueryParameters == null
                ? DEFAULT_SENSITIVE_QUERY_PARAMETERS
                : List.copyOf(sensitiveQueryParameters);
        recentTrafficPerRoute = recentTrafficPerRoute == null ? DEFAULT_RECENT_TRAFFIC_PER_ROUTE : recentTrafficPerRoute;
    }

    /**
     * Returns the lower-case names whose values are redacted: the built-in defaults followed by
     * the configured names. Configuring a name adds to the defaults and cannot remove one, so
     * {@code [session]} still redacts {@code token}.
     */
    public List<String> redactedQueryParameters() {
        Set<String> names = new LinkedHashSet<>(DEFAULT_SENSITIVE_QUERY_PARAMETERS);
        for (String name : sensitiveQueryParameters) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }
}
