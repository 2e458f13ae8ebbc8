package dev.tollgate.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the trie router with a plain reference that scores every route of a random
 * configuration against the precedence rules and picks the best. A difference names the seed,
 * the routes and the request, so it can be replayed.
 */
class RouterReferenceTest {

    private static final int CONFIGURATIONS = 300;
    private static final int REQUESTS_PER_CONFIGURATION = 200;
    private static final String[] SEGMENTS = {"a", "b", "c"};
    private static final String[] ROUTE_HOSTS = {"x.test", "*.test", "*.x.test", "y.x.test"};
    private static final String[] REQUEST_HOSTS = {"x.test", "y.x.test", "z.y.x.test", "w.test", "test"};
    private static final String[] METHODS = {"GET", "POST", "PURGE"};

    @Test
    void trieAgreesWithReference() {
        for (int seed = 0; seed < CONFIGURATIONS; seed++) {
            Random random = new Random(seed);
            List<Route> routes = randomRoutes(random);
            Router router = Router.compile(routes);

            for (int r = 0; r < REQUESTS_PER_CONFIGURATION; r++) {
                RequestAttributes request = randomRequest(random);

                RouteMatchResult actual = router.match(request);
                String expected = referenceMatch(routes, request);

                assertThat(actual == null ? null : actual.route().id())
                        .as("seed %d, request %s, routes %s", seed, request, describe(routes))
                        .isEqualTo(expected);
            }
        }
    }

    private static List<Route> randomRoutes(Random random) {
        int count = 1 + random.nextInt(12);
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RouteBuilder route = RouteBuilder.route("r" + i);
            int pathCount = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
            for (int p = 0; p < pathCount; p++) {
                route.paths(randomPattern(random));
            }
            int hostCount = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
            for (int h = 0; h < hostCount; h++) {
                route.hosts(ROUTE_HOSTS[random.nextInt(ROUTE_HOSTS.length)]);
            }
            if (random.nextInt(3) == 0) {
                route.methods(METHODS[random.nextInt(METHODS.length)]);
            }
            if (random.nextInt(4) == 0) {
                route.header("X-Flag", random.nextBoolean() ? "*" : "on");
            }
            if (random.nextInt(5) == 0) {
                route.query("q", "*");
            }
            if (random.nextInt(3) == 0) {
                route.priority(random.nextInt(3) - 1);
            }
            routes.add(route.build());
        }
        return routes;
    }

    /** Builds a pattern such as {@code /a/{p1}/**}, with parameter names unique within it. */
    private static String randomPattern(Random random) {
        int length = random.nextInt(4);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(5);
            if (kind == 0 && i == length - 1) {
                pattern.append("/**");
            } else if (kind == 1) {
                pattern.append("/{p").append(i).append('}');
            } else {
                pattern.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
            }
        }
        if (pattern.isEmpty()) {
            return "/";
        }
        return random.nextInt(6) == 0 && !pattern.toString().endsWith("**") ? pattern + "/" : pattern.toString();
    }

    private static RequestAttributes randomRequest(Random random) {
        int length = random.nextInt(5);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < length; i++) {
            path.append('/').append(random.nextInt(6) == 0 ? "d" : SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        if (path.isEmpty() || random.nextInt(5) == 0) {
            path.append('/');
        }
        String host = random.nextInt(4) == 0 ? null : REQUEST_HOSTS[random.nextInt(REQUEST_HOSTS.length)];
        SimpleRequestAttributes request = SimpleRequestAttributes.of(METHODS[random.nextInt(METHODS.length)], host, path.toString());
        if (random.nextBoolean()) {
            request = request.withHeader("x-flag", random.nextBoolean() ? "on" : "off");
        }
        if (random.nextInt(3) == 0) {
            request = request.withQuery("q=1");
        }
        return request;
    }

    // --- the reference: score every route and pattern, then take the best

    private record Candidate(Route route, int declarationIndex, int[] specificity) {}

    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparing(Candidate::specificity, Arrays::compare)
            .thenComparingInt(candidate -> -candidate.route().priorityOrDefault())
            .thenComparingInt(Candidate::declarationIndex);

    private static String referenceMatch(List<Route> routes, RequestAttributes request) {
        for (int tier : hostTiers(request.host())) {
            Candidate best = null;
            for (int i = 0; i < routes.size(); i++) {
                Route route = routes.get(i);
                if (!inTier(route, request.host(), tier) || !predicatesAccept(route, request)) {
                    continue;
                }
                List<String> patterns = route.match().paths().isEmpty() ? List.of("/**") : route.match().paths();
                for (String pattern : patterns) {
                    int[] specificity = specificity(pattern, request.path());
                    if (specificity == null) {
                        continue;
                    }
                    Candidate candidate = new Candidate(route, i, specificity);
                    if (best == null || BEST_FIRST.compare(candidate, best) < 0) {
                        best = candidate;
                    }
                }
            }
            if (best != null) {
                return best.route().id();
            }
        }
        return null;
    }

    /**
     * Lists the tiers to try: 0 for the exact host, then the negated length of each wildcard
     * suffix the host has, longest first, then {@code Integer.MAX_VALUE} for routes without hosts.
     */
    private static List<Integer> hostTiers(String host) {
        List<Integer> tiers = new ArrayList<>();
        if (host != null) {
            tiers.add(0);
            for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
                tiers.add(-(host.length() - dot));
            }
        }
        tiers.add(Integer.MAX_VALUE);
        return tiers;
    }

    /** Checks whether the route takes the host in {@code tier}, encoded as in {@link #hostTiers}. */
    private static boolean inTier(Route route, String host, int tier) {
        List<String> hosts = route.match().hosts();
        if (tier == Integer.MAX_VALUE) {
            return hosts.isEmpty();
        }
        for (String pattern : hosts) {
            if (tier == 0 && pattern.equals(host)) {
                return true;
            }
            String suffix = pattern.substring(1);
            boolean wildcard = pattern.startsWith("*.") && suffix.length() == -tier;
            if (tier < 0 && wildcard && host.endsWith(suffix) && host.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    private static boolean predicatesAccept(Route route, RequestAttributes request) {
        List<String> methods = route.match().methods();
        if (!methods.isEmpty() && !methods.contains(request.method())) {
            return false;
        }
        for (Map.Entry<String, String> header : route.match().headers().entrySet()) {
            String value = request.header(header.getKey());
            if (value == null || (!header.getValue().equals("*") && !header.getValue().equals(value))) {
                return false;
            }
        }
        for (Map.Entry<String, String> parameter : route.match().query().entrySet()) {
            String value = request.queryParameter(parameter.getKey());
            if (value == null || (!parameter.getValue().equals("*") && !parameter.getValue().equals(value))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scores how specifically {@code pattern} matches {@code path}, or returns null when it does
     * not match. Each matched segment scores 0 when literal and 1 when a parameter, and the
     * pattern's end scores 0 when the path ends there and 2 for {@code **}. A lower score
     * compared element by element is more specific.
     */
    private static int[] specificity(String pattern, String path) {
        List<String> patternSegments = segments(pattern);
        List<String> pathSegments = segments(path);
        boolean catchAll = !patternSegments.isEmpty() && patternSegments.getLast().equals("**");
        if (catchAll) {
            patternSegments.removeLast();
        }
        if (catchAll ? pathSegments.size() < patternSegments.size() : pathSegments.size() != patternSegments.size()) {
            return null;
        }
        int[] score = new int[patternSegments.size() + 1];
        for (int i = 0; i < patternSegments.size(); i++) {
            String segment = patternSegments.get(i);
            if (segment.startsWith("{")) {
                if (pathSegments.get(i).isEmpty()) {
                    return null;
                }
                score[i] = 1;
            } else if (!segment.equals(pathSegments.get(i))) {
                return null;
            }
        }
        score[patternSegments.size()] = catchAll ? 2 : 0;
        return score;
    }

    /** Splits a path into segments after dropping one trailing slash. The root {@code /} has none. */
    private static List<String> segments(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> segments = new ArrayList<>();
        if (!trimmed.isEmpty()) {
            segments.addAll(Arrays.asList(trimmed.substring(1).split("/", -1)));
        }
        return segments;
    }

    private static String describe(List<Route> routes) {
        StringBuilder text = new StringBuilder();
        for (Route route : routes) {
            text.append("\n  ").append(route.id()).append(' ').append(route.match()).append(" priority ")
                    .append(route.priorityOrDefault());
        }
        return text.toString();
    }
}
