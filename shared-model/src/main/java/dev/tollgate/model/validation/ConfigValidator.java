package dev.tollgate.model.validation;

import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.GatewaySettings;
import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Timeouts;
import dev.tollgate.model.config.Upstream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed {@link GatewayConfig} against every rule the runtime relies on and returns all
 * violations at once, each with the path of the offending field. The console runs the same checks
 * before it sends an edit, so an operator sees the errors inline.
 */
public final class ConfigValidator {

    private ConfigValidator() {}

    public static List<Violation> validate(GatewayConfig config) {
        List<Violation> violations = new ArrayList<>();
        validateSettings(config.gateway(), violations);

        Set<String> upstreamIds = new HashSet<>();
        for (int i = 0; i < config.upstreams().size(); i++) {
            Upstream upstream = config.upstreams().get(i);
            String path = "upstreams[" + i + "]";
            if (upstream == null) {
                violations.add(new Violation(path, "must not be null; remove the empty list item"));
                continue;
            }
            validateUpstream(upstream, path, violations);
            if (upstream.id() != null && !upstreamIds.add(upstream.id())) {
                violations.add(new Violation(path + ".id",
                        "duplicate upstream id \"" + upstream.id() + "\"; every upstream needs its own id"));
            }
        }

        Set<String> routeIds = new HashSet<>();
        for (int i = 0; i < config.routes().size(); i++) {
            Route route = config.routes().get(i);
            String path = "routes[" + i + "]";
            if (route == null) {
                violations.add(new Violation(path, "must not be null; remove the empty list item"));
                continue;
            }
            validateRoute(route, path, upstreamIds, violations);
            if (route.id() != null && !routeIds.add(route.id())) {
                violations.add(new Violation(path + ".id",
                        "duplicate route id \"" + route.id() + "\"; every route needs its own id"));
            }
        }
        return violations;
    }

    /** Throws {@link InvalidConfigException} listing every violation, if there is any. */
    public static GatewayConfig requireValid(GatewayConfig config) {
        List<Violation> violations = validate(config);
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(violations);
        }
        return config;
    }

    private static void validateSettings(GatewaySettings settings, List<Violation> violations) {
        for (int i = 0; i < settings.trustedProxies().size(); i++) {
            String cidr = settings.trustedProxies().get(i);
            String problem = Rules.cidrProblem(cidr);
            if (problem != null) {
                violations.add(new Violation("gateway.trustedProxies[" + i + "]", problem));
            }
        }
        if (settings.recentTrafficPerRoute() < 0 || settings.recentTrafficPerRoute() > 100_000) {
            violations.add(new Violation("gateway.recentTrafficPerRoute",
                    "must be between 0 and 100000, was " + settings.recentTrafficPerRoute()));
        }
    }

    private static void validateUpstream(Upstream upstream, String path, List<Violation> violations) {
        Rules.requireId(upstream.id(), path + ".id", violations);
        if (upstream.targets().isEmpty()) {
            violations.add(new Violation(path + ".targets", "must list at least one target, e.g. - url: http://127.0.0.1:9001"));
        }
        boolean anyWeight = false;
        for (int t = 0; t < upstream.targets().size(); t++) {
            Target target = upstream.targets().get(t);
            String targetPath = path + ".targets[" + t + "]";
            if (target == null) {
                violations.add(new Violation(targetPath, "must not be null; remove the empty list item"));
                continue;
            }
            String problem = Rules.targetUrlProblem(target.url());
            if (problem != null) {
                violations.add(new Violation(targetPath + ".url", problem));
            }
            if (target.weight() < 0 || target.weight() > 1000) {
                violations.add(new Violation(targetPath + ".weight", "must be between 0 and 1000, was " + target.weight()));
            }
            anyWeight |= target.weight() > 0;
        }
        if (!upstream.targets().isEmpty() && !anyWeight) {
            violations.add(new Violation(path + ".targets", "at least one target needs a weight above 0"));
        }
        if (upstream.balancer() == Balancer.CONSISTENT_HASH && Rules.isBlank(upstream.hashOn())) {
            violations.add(new Violation(path + ".hashOn",
                    "is required for the consistent-hash balancer: a header name or \"" + Upstream.HASH_ON_CLIENT_ADDRESS + "\""));
        }
        if (upstream.balancer() != Balancer.CONSISTENT_HASH && upstream.hashOn() != null) {
            violations.add(new Violation(path + ".hashOn", "only applies to balancer: consistent-hash; remove it or change the balancer"));
        }
        if (upstream.hashOn() != null && !Rules.isBlank(upstream.hashOn())
                && !upstream.hashOn().equals(Upstream.HASH_ON_CLIENT_ADDRESS) && !Rules.isToken(upstream.hashOn())) {
            violations.add(new Violation(path + ".hashOn", "\"" + upstream.hashOn() + "\" is not a valid header name"));
        }
        Rules.positive(upstream.connectTimeoutMillis(), path + ".connectTimeoutMillis", violations);
        Rules.positive(upstream.idleTimeoutMillis(), path + ".idleTimeoutMillis", violations);
        Rules.range(upstream.maxConnectionsPerTarget(), 1, 100_000, path + ".maxConnectionsPerTarget", violations);
        if (upstream.passiveHealth() != null) {
            Rules.range(upstream.passiveHealth().consecutiveFailures(), 1, 1000, path + ".passiveHealth.consecutiveFailures", violations);
            Rules.positive(upstream.passiveHealth().cooldownMillis(), path + ".passiveHealth.cooldownMillis", violations);
        }
        if (upstream.healthCheck() != null) {
            String checkPath = path + ".healthCheck";
            if (!upstream.healthCheck().path().startsWith("/")) {
                violations.add(new Violation(checkPath + ".path", "must start with \"/\", was \"" + upstream.healthCheck().path() + "\""));
            }
            Rules.positive(upstream.healthCheck().intervalMillis(), checkPath + ".intervalMillis", violations);
            Rules.positive(upstream.healthCheck().timeoutMillis(), checkPath + ".timeoutMillis", violations);
            Rules.range(upstream.healthCheck().healthyThreshold(), 1, 100, checkPath + ".healthyThreshold", violations);
            Rules.range(upstream.healthCheck().unhealthyThreshold(), 1, 100, checkPath + ".unhealthyThreshold", violations);
        }
        if (upstream.circuitBreaker() != null) {
            Rules.range(upstream.circuitBreaker().failureThreshold(), 1, 10_000, path + ".circuitBreaker.failureThreshold", violations);
            Rules.positive(upstream.circuitBreaker().openMillis(), path + ".circuitBreaker.openMillis", violations);
            Rules.range(upstream.circuitBreaker().halfOpenRequests(), 1, 1000, path + ".circuitBreaker.halfOpenRequests", violations);
        }
        if (upstream.retry() != null) {
            Rules.range(upstream.retry().attempts(), 0, 10, path + ".retry.attempts", violations);
            Rules.range(upstream.retry().backoffMillis(), 0, 60_000, path + ".retry.backoffMillis", violations);
            Rules.range(upstream.retry().budgetPercent(), 0, 100, path + ".retry.budgetPercent", violations);
        }
    }

    private static void validateRoute(Route route, String path, Set<String> upstreamIds, List<Violation> violations) {
        Rules.requireId(route.id(), path + ".id", violations);
        if (Rules.isBlank(route.upstream())) {
            violations.add(new Violation(path + ".upstream", "is required: the id of an upstream"));
        } else if (upstreamIds.isEmpty()) {
            violations.add(new Violation(path + ".upstream",
                    "unknown upstream \"" + route.upstream() + "\"; no upstreams are declared, so declare it under upstreams"));
        } else if (!upstreamIds.contains(route.upstream())) {
            violations.add(new Violation(path + ".upstream",
                    "unknown upstream \"" + route.upstream() + "\"; declare it under upstreams or use one of " + upstreamIds));
        }
        validateMatch(route.match(), path + ".match", violations);
        if (route.rewrite() != null) {
            validateRewrite(route.rewrite(), route.match(), path + ".rewrite", violations);
        }
        Timeouts timeouts = route.timeouts();
        if (timeouts != null) {
            Rules.positive(timeouts.connectMillis(), path + ".timeouts.connectMillis", violations);
            Rules.positive(timeouts.responseMillis(), path + ".timeouts.responseMillis", violations);
        }
    }

    private static void validateMatch(RouteMatch match, String path, List<Violation> violations) {
        for (int p = 0; p < match.paths().size(); p++) {
            String problem = PathPatterns.problem(match.paths().get(p));
            if (problem != null) {
                violations.add(new Violation(path + ".paths[" + p + "]", problem));
            }
        }
        for (int m = 0; m < match.methods().size(); m++) {
            String method = match.methods().get(m);
            if (method == null || !Rules.isToken(method) || !method.equals(method.toUpperCase(java.util.Locale.ROOT))) {
                violations.add(new Violation(path + ".methods[" + m + "]",
                        "\"" + method + "\" is not an HTTP method; write it in upper case, e.g. GET"));
            }
        }
        for (int h = 0; h < match.hosts().size(); h++) {
            String problem = Rules.hostPatternProblem(match.hosts().get(h));
            if (problem != null) {
                violations.add(new Violation(path + ".hosts[" + h + "]", problem));
            }
        }
        for (Map.Entry<String, String> header : match.headers().entrySet()) {
            if (!Rules.isToken(header.getKey())) {
                violations.add(new Violation(path + ".headers." + header.getKey(), "is not a valid header name"));
            }
            if (header.getValue() == null) {
                violations.add(new Violation(path + ".headers." + header.getKey(), "needs a value; use \"*\" to require only presence"));
            }
        }
        for (Map.Entry<String, String> parameter : match.query().entrySet()) {
            if (Rules.isBlank(parameter.getKey())) {
                violations.add(new Violation(path + ".query", "a query parameter name must not be blank"));
            }
            if (parameter.getValue() == null) {
                violations.add(new Violation(path + ".query." + parameter.getKey(), "needs a value; use \"*\" to require only presence"));
            }
        }
    }

    private static void validateRewrite(Rewrite rewrite, RouteMatch match, String path, List<Violation> violations) {
        int set = (rewrite.stripPrefix() != null ? 1 : 0) + (rewrite.replacePrefix() != null ? 1 : 0)
                + (rewrite.template() != null ? 1 : 0);
        if (set > 1) {
            violations.add(new Violation(path, "set only one of stripPrefix, replacePrefix and template"));
            return;
        }
        if (hasCharacterProblem(rewrite.stripPrefix(), path + ".stripPrefix", violations)
                || hasCharacterProblem(rewrite.template(), path + ".template", violations)) {
            return;
        }
        if (rewrite.replacePrefix() != null
                && (hasCharacterProblem(rewrite.replacePrefix().from(), path + ".replacePrefix.from", violations)
                        || hasCharacterProblem(rewrite.replacePrefix().to(), path + ".replacePrefix.to", violations))) {
            return;
        }
        if (rewrite.stripPrefix() != null) {
            requirePrefixOfEveryPath(rewrite.stripPrefix(), match, path + ".stripPrefix", violations);
        }
        if (rewrite.replacePrefix() != null) {
            Rewrite.PrefixReplacement replacement = rewrite.replacePrefix();
            if (replacement.from() == null) {
                violations.add(new Violation(path + ".replacePrefix.from", "is required, e.g. /v1"));
            } else {
                requirePrefixOfEveryPath(replacement.from(), match, path + ".replacePrefix.from", violations);
            }
            if (replacement.to() == null || !replacement.to().startsWith("/")) {
                violations.add(new Violation(path + ".replacePrefix.to", "must start with \"/\", e.g. /v2"));
            }
        }
        if (rewrite.template() != null) {
            String template = rewrite.template();
            if (!template.startsWith("/")) {
                violations.add(new Violation(path + ".template", "must start with \"/\", was \"" + template + "\""));
            }
            for (String name : PathPatterns.templateNames(template)) {
                for (String pattern : match.paths()) {
                    if (!PathPatterns.parameterNames(pattern).contains(name)) {
                        violations.add(new Violation(path + ".template", "uses {" + name + "} but the path \"" + pattern
                                + "\" does not capture it; every path of the route must declare it"));
                    }
                }
            }
            if (match.paths().isEmpty() && !PathPatterns.templateNames(template).isEmpty()) {
                violations.add(new Violation(path + ".template", "uses path parameters but the route matches no path pattern"));
            }
        }
    }

    /** Adds a violation and returns true when {@code value} is set and has a character no HTTP path may have. */
    private static boolean hasCharacterProblem(String value, String field, List<Violation> violations) {
        String problem = value == null ? null : PathPatterns.characterProblem(value);
        if (problem != null) {
            violations.add(new Violation(field, problem));
        }
        return problem != null;
    }

    private static void requirePrefixOfEveryPath(String prefix, RouteMatch match, String field, List<Violation> violations) {
        if (!prefix.startsWith("/") || prefix.contains("{") || prefix.contains("*")) {
            violations.add(new Violation(field, "must be a literal path starting with \"/\", e.g. /api, was \"" + prefix + "\""));
            return;
        }
        for (String pattern : match.paths()) {
            if (!PathPatterns.startsWithSegments(pattern, prefix)) {
                violations.add(new Violation(field, "\"" + prefix + "\" is not a whole-segment prefix of the path \"" + pattern
                        + "\"; every path of the route must start with it"));
            }
        }
    }
}
