package dev.tollgate.runtime.routing.bench;

import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.runtime.routing.RequestAttributes;
import dev.tollgate.runtime.routing.RouteMatchResult;
import dev.tollgate.runtime.routing.Router;
import dev.tollgate.runtime.routing.SimpleRequestAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures {@link Router#match} among 10 and among 10,000 routes. Both sizes use the same eight
 * route shapes (literal paths, parameters, catch-alls, exact and wildcard hosts, header and query
 * predicates) and the same request mix, so the difference between them is the cost of the route
 * count alone. Run it with {@code bench/router-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    private static final int SHAPES = 8;
    /** Two requests per shape (the first and the last route of that shape) plus one miss. */
    private static final int REQUESTS_PER_INVOCATION = 2 * SHAPES + 1;

    @Param({"10", "10000"})
    public int routeCount;

    private Router router;
    private RequestAttributes[] requests;

    @Setup(Level.Trial)
    public void compileRoutes() {
        List<Route> routes = new ArrayList<>(routeCount);
        for (int i = 0; i < routeCount; i++) {
            routes.add(route(i));
        }
        router = Router.compile(routes);

        List<RequestAttributes> mix = new ArrayList<>();
        for (int shape = 0; shape < SHAPES; shape++) {
            mix.add(request(shape));
            mix.add(request(lastIndexOfShape(shape)));
        }
        mix.add(SimpleRequestAttributes.of("GET", "unknown.test", "/no/route/here"));
        requests = mix.toArray(RequestAttributes[]::new);
        if (requests.length != REQUESTS_PER_INVOCATION) {
            throw new IllegalStateException("the request mix has " + requests.length + " requests, expected "
                    + REQUESTS_PER_INVOCATION);
        }
        for (int r = 0; r < requests.length - 1; r++) {
            if (router.match(requests[r]) == null) {
                throw new IllegalStateException("no route matches " + requests[r]);
            }
        }
    }

    /** Matches the whole request mix. JMH divides the time by the mix size, so it reports time per request. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS_PER_INVOCATION)
    public void matchMix(Blackhole blackhole) {
        for (RequestAttributes request : requests) {
            RouteMatchResult result = router.match(request);
            blackhole.consume(result);
        }
    }

    private int lastIndexOfShape(int shape) {
        int index = shape;
        while (index + SHAPES < routeCount) {
            index += SHAPES;
        }
        return Math.min(index, routeCount - 1);
    }

    private static Route route(int i) {
        String id = "route-" + i;
        return switch (i % SHAPES) {
            case 0 -> route(id, new RouteMatch(List.of("/svc" + i + "/v1/items"), List.of("GET"), null, null, null), null);
            case 1 -> route(id, new RouteMatch(List.of("/svc" + i + "/v1/items/{id}"), List.of("GET", "PUT"), null, null, null),
                    new Rewrite(null, null, "/items/{id}"));
            case 2 -> route(id, new RouteMatch(List.of("/svc" + i + "/v1/**"), null, null, null, null),
                    new Rewrite("/svc" + i, null, null));
            case 3 -> route(id, new RouteMatch(List.of("/api/**"), null, List.of("t" + i + ".example.test"), null, null), null);
            case 4 -> route(id, new RouteMatch(List.of("/v1/{resource}/{id}"), null, List.of("*.tenant" + i + ".example.test"),
                    null, null), null);
            case 5 -> route(id, new RouteMatch(List.of("/svc" + i + "/users/{user}/orders/{order}"), null, null,
                    Map.of("X-Api-Version", "2"), null), null);
            case 6 -> route(id, new RouteMatch(List.of("/svc" + i + "/search"), null, null, null, Map.of("q", "*")), null);
            default -> route(id, new RouteMatch(List.of("/static" + i + "/**"), List.of("GET", "HEAD"), null, null, null),
                    new Rewrite(null, new Rewrite.PrefixReplacement("/static" + i, "/assets"), null));
        };
    }

    private static Route route(String id, RouteMatch match, Rewrite rewrite) {
        return new Route(id, match, "backend", rewrite, null, null, null, null);
    }

    private static RequestAttributes request(int i) {
        return switch (i % SHAPES) {
            case 0 -> SimpleRequestAttributes.of("GET", "gw.example.test", "/svc" + i + "/v1/items");
            case 1 -> SimpleRequestAttributes.of("PUT", "gw.example.test", "/svc" + i + "/v1/items/8f14e45f");
            case 2 -> SimpleRequestAttributes.of("POST", "gw.example.test", "/svc" + i + "/v1/carts/17/lines");
            case 3 -> SimpleRequestAttributes.of("GET", "t" + i + ".example.test", "/api/orders/42");
            case 4 -> SimpleRequestAttributes.of("GET", "acme.tenant" + i + ".example.test", "/v1/invoices/2024-0007");
            case 5 -> SimpleRequestAttributes.of("GET", "gw.example.test", "/svc" + i + "/users/ann/orders/991")
                    .withHeader("x-api-version", "2");
            case 6 -> SimpleRequestAttributes.of("GET", "gw.example.test", "/svc" + i + "/search").withQuery("q=red+shoes&page=2");
            default -> SimpleRequestAttributes.of("GET", "gw.example.test", "/static" + i + "/css/site.css");
        };
    }
}
