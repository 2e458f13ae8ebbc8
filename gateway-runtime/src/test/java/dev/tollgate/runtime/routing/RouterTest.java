package dev.tollgate.runtime.routing;

import static dev.tollgate.runtime.routing.RouteBuilder.route;
import static dev.tollgate.runtime.routing.RouteBuilder.router;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.config.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {

    private static final String NONE = "-";

    /**
     * Parses a table row into a request. The {@code target} is a normalised path with an optional
     * {@code ?query}. The {@code headers} are {@code name=value} pairs separated by {@code ;}, or
     * {@code -} for none. A {@code host} of {@code -} means a request without a host.
     */
    private static RequestAttributes request(String method, String host, String target, String headers) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        SimpleRequestAttributes request = SimpleRequestAttributes.of(method, NONE.equals(host) ? null : host, path);
        if (question >= 0) {
            request = request.withQuery(target.substring(question + 1));
        }
        if (headers != null && !NONE.equals(headers)) {
            for (String header : headers.split(";")) {
                int equals = header.indexOf('=');
                request = request.withHeader(header.substring(0, equals).trim(), header.substring(equals + 1).trim());
            }
        }
        return request;
    }

    private static String matchedId(Router router, RequestAttributes request) {
        RouteMatchResult result = router.match(request);
        return result == null ? NONE : result.route().id();
    }

    private static final Router PATHS = router(
            route("root").paths("/"),
            route("api-any").paths("/api/**"),
            route("api-collection").paths("/api/{collection}"),
            route("api-orders").paths("/api/orders"),
            route("api-orders-any").paths("/api/orders/**"),
            route("api-order").paths("/api/orders/{id}"),
            route("api-collection-items").paths("/api/{collection}/items"),
            route("files").paths("/files/{name}/raw"),
            route("fallback").paths("/**"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                      | root
            /api/orders            | api-orders
            /api/orders/           | api-orders
            /api/users             | api-collection
            /api/users/            | api-collection
            /api/orders/7          | api-order
            /api/orders/7/         | api-order
            /api/orders/7/lines    | api-orders-any
            /api/users/items       | api-collection-items
            /api/orders/items      | api-order
            /api/users/7           | api-any
            /api                   | api-any
            /api/                  | api-any
            /api/users/x/y         | api-any
            /apix                  | fallback
            /apix/orders           | fallback
            /api/ordersx           | api-collection
            /files/a/raw           | files
            /files/raw             | fallback
            /other/path            | fallback
            """)
    void pathPrecedence(String path, String expected) {
        assertThat(matchedId(PATHS, request("GET", NONE, path, NONE))).isEqualTo(expected);
    }

    private static final Router TIES = router(
            route("low").paths("/x/**"),
            route("high").paths("/x/**").priority(5),
            route("first").paths("/y/{id}"),
            route("second").paths("/y/{name}"),
            route("broad-but-urgent").paths("/z/**").priority(100),
            route("narrow").paths("/z/deep/**"),
            route("negative").paths("/n").priority(-1),
            route("default").paths("/n"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /x/1       | high
            /y/1       | first
            /z/deep/1  | narrow
            /z/flat    | broad-but-urgent
            /n         | default
            """)
    void priorityThenDeclarationOrderBreakTies(String path, String expected) {
        assertThat(matchedId(TIES, request("GET", NONE, path, NONE))).isEqualTo(expected);
    }

    private static final Router HOSTS = router(
            route("no-host-specific").paths("/very/specific/path"),
            route("exact").hosts("api.example.test"),
            route("wildcard-long").hosts("*.eu.example.test"),
            route("wildcard-short").hosts("*.example.test"),
            route("shop-orders").hosts("shop.example.test").paths("/orders"),
            route("mixed-case").hosts("Mixed.Example.Org"),
            route("no-host").paths("/**"));

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            api.example.test    | /                   | exact
            api.example.test    | /very/specific/path | exact
            API.Example.TEST    | /                   | exact
            api.example.test.   | /                   | exact
            a.eu.example.test   | /                   | wildcard-long
            a.b.eu.example.test | /                   | wildcard-long
            eu.example.test     | /                   | wildcard-short
            x.example.test      | /                   | wildcard-short
            x.y.example.test    | /                   | wildcard-short
            shop.example.test   | /orders             | shop-orders
            shop.example.test   | /cart               | wildcard-short
            mixed.example.org   | /                   | mixed-case
            example.test        | /                   | no-host
            other.test          | /                   | no-host
            example.test.other  | /                   | no-host
            -                   | /                   | no-host
            -                   | /very/specific/path | no-host-specific
            other.test          | /very/specific/path | no-host-specific
            """)
    void hostTiers(String host, String path, String expected) {
        assertThat(matchedId(HOSTS, request("GET", host, path, NONE))).isEqualTo(expected);
    }

    @Test
    void wildcardNeedsAtLeastOneLabel() {
        Router router = router(route("wild").hosts("*.example.test"));

        assertThat(router.match(request("GET", "example.test", "/", NONE))).isNull();
        assertThat(router.match(request("GET", ".example.test", "/", NONE))).isNull();
        assertThat(router.match(request("GET", "a.example.test", "/", NONE))).isNotNull();
    }

    private static final Router METHODS = router(
            route("get-orders").paths("/orders").methods("GET", "HEAD"),
            route("post-orders").paths("/orders").methods("POST"),
            route("any-orders").paths("/orders"),
            route("purge").paths("/cache/**").methods("PURGE"),
            route("any-first").paths("/m"),
            route("get-second").paths("/m").methods("GET"));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /orders   | get-orders
            HEAD   | /orders   | get-orders
            POST   | /orders   | post-orders
            DELETE | /orders   | any-orders
            PURGE  | /cache/x  | purge
            GET    | /cache/x  | -
            GET    | /m        | any-first
            """)
    void methodFiltersCandidates(String method, String path, String expected) {
        assertThat(matchedId(METHODS, request(method, NONE, path, NONE))).isEqualTo(expected);
    }

    private static final Router HEADERS = router(
            route("version-2").paths("/h").header("X-Version", "2"),
            route("beta").paths("/h").header("x-channel", "Beta"),
            route("any-version").paths("/h").header("X-Version", "*"),
            route("two-headers").paths("/both").header("A", "1").header("B", "*"),
            route("plain").paths("/**"));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /h    | X-Version=2           | version-2
            /h    | x-version=2           | version-2
            /h    | X-VERSION=3           | any-version
            /h    | X-Version=            | any-version
            /h    | X-Channel=Beta        | beta
            /h    | X-Channel=beta        | plain
            /h    | -                     | plain
            /both | a=1;b=x               | two-headers
            /both | a=1                   | plain
            /both | a=2;b=x               | plain
            """)
    void headerPredicates(String path, String headers, String expected) {
        assertThat(matchedId(HEADERS, request("GET", NONE, path, headers))).isEqualTo(expected);
    }

    private static final Router QUERY = router(
            route("format-json").paths("/q").query("format", "json"),
            route("debug").paths("/q").query("debug", "*"),
            route("spaced").paths("/q").query("name", "a b"),
            route("plain").paths("/q"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /q?format=json        | format-json
            /q?format=%6Ason      | format-json
            /q?x=1&format=json    | format-json
            /q?format=xml         | plain
            /q?format=JSON        | plain
            /q?debug              | debug
            /q?debug=             | debug
            /q?debug=1&format=xml | debug
            /q?name=a+b           | spaced
            /q?name=a%20b         | spaced
            /q?name=ab            | plain
            /q                    | plain
            """)
    void queryPredicates(String target, String expected) {
        assertThat(matchedId(QUERY, request("GET", NONE, target, NONE))).isEqualTo(expected);
    }

    private static final Router BACKTRACKING = router(
            route("beta-order").hosts("shop.test").paths("/b/orders/{id}").header("X-Beta", "*"),
            route("post-order").hosts("shop.test").paths("/b/orders/{id}").methods("POST"),
            route("any-item").hosts("shop.test").paths("/b/{collection}/{id}"),
            route("flagged").hosts("shop.test").paths("/b/**").query("flag", "1"),
            route("wild").hosts("*.test").paths("/b/orders/**").methods("DELETE"),
            route("fallback").paths("/**"));

    @ParameterizedTest(name = "{0} {1}{2} {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | shop.test | /b/orders/1        | X-Beta=1 | beta-order
            POST   | shop.test | /b/orders/1        | X-Beta=1 | beta-order
            POST   | shop.test | /b/orders/1        | -        | post-order
            GET    | shop.test | /b/orders/1        | -        | any-item
            GET    | shop.test | /b/orders/1/2      | -        | fallback
            GET    | shop.test | /b/orders/1/2?flag=1 | -      | flagged
            DELETE | shop.test | /b/orders/1/2      | -        | wild
            GET    | shop.test | /b                 | -        | fallback
            GET    | shop.test | /b?flag=1          | -        | flagged
            """)
    void failedPredicatesBacktrack(String method, String host, String target, String headers, String expected) {
        assertThat(matchedId(BACKTRACKING, request(method, host, target, headers))).isEqualTo(expected);
    }

    @Test
    void parametersAreCapturedStillEncoded() {
        Router router = router(route("repo").paths("/users/{user}/repos/{repo}/**"));

        RouteMatchResult result = router.match(request("GET", NONE, "/users/a%20b/repos/x%2Fy/tree/main", NONE));

        assertThat(result.pathParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "a%20b", "repo", "x%2Fy"));
        assertThat(result.remainder()).isEqualTo("/tree/main");
    }

    @Test
    void parameterIgnoresTrailingSlash() {
        Router router = router(route("order").paths("/orders/{id}"));

        RouteMatchResult result = router.match(request("GET", NONE, "/orders/7/", NONE));

        assertThat(result.pathParameters()).containsExactly(Map.entry("id", "7"));
    }

    @Test
    void parameterNeverMatchesEmptySegment() {
        Router router = router(route("order").paths("/orders/{id}"), route("line").paths("/orders/{id}/lines"));

        assertThat(router.match(request("GET", NONE, "/orders/", NONE))).isNull();
        assertThat(router.match(request("GET", NONE, "/orders//lines", NONE))).isNull();
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /api          | ''
            /api/         | /
            /api/x        | /x
            /api/x/y/     | /x/y/
            """)
    void catchAllRemainder(String path, String remainder) {
        Router router = router(route("api").paths("/api/**"));

        assertThat(router.match(request("GET", NONE, path, NONE)).remainder()).isEqualTo(remainder);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/", "/x", "/x/y/", "/a%2Fb"})
    void routeWithoutPathsMatchesEveryPath(String path) {
        Router router = router(route("everything").hosts("h.test"));

        RouteMatchResult result = router.match(request("GET", "h.test", path, NONE));

        assertThat(result.route().id()).isEqualTo("everything");
        assertThat(result.remainder()).isEqualTo(path);
    }

    @Test
    void rootCatchAllMatchesRoot() {
        Router router = router(route("all").paths("/**"));

        RouteMatchResult result = router.match(request("GET", NONE, "/", NONE));

        assertThat(result.route().id()).isEqualTo("all");
        assertThat(result.remainder()).isEqualTo("/");
    }

    @Test
    void everyPathOfRouteMatches() {
        Router router = router(route("multi").paths("/a", "/b/{id}", "/c/**"), route("other").paths("/**"));

        assertThat(matchedId(router, request("GET", NONE, "/a", NONE))).isEqualTo("multi");
        assertThat(matchedId(router, request("GET", NONE, "/b/1", NONE))).isEqualTo("multi");
        assertThat(matchedId(router, request("GET", NONE, "/c/d/e", NONE))).isEqualTo("multi");
        assertThat(matchedId(router, request("GET", NONE, "/d", NONE))).isEqualTo("other");
    }

    @Test
    void patternLiteralsAreNormalized() {
        Router router = router(route("tilde").paths("/%7euser/%2f"), route("trailing").paths("/docs/"));

        assertThat(matchedId(router, request("GET", NONE, "/~user/%2F", NONE))).isEqualTo("tilde");
        assertThat(matchedId(router, request("GET", NONE, "/docs", NONE))).isEqualTo("trailing");
        assertThat(matchedId(router, request("GET", NONE, "/docs/", NONE))).isEqualTo("trailing");
    }

    @Test
    void emptyRouterMatchesNothing() {
        Router router = Router.compile(List.of());

        assertThat(router.match(request("GET", "a.test", "/", NONE))).isNull();
        assertThat(router.size()).isZero();
    }

    @Test
    void routesAreListedInDeclarationOrder() {
        Router router = router(route("b").paths("/b"), route("a").paths("/a"));

        assertThat(router.size()).isEqualTo(2);
        assertThat(router.routes()).extracting(CompiledRoute::id).containsExactly("b", "a");
        assertThat(router.route("a").declarationIndex()).isEqualTo(1);
        assertThat(router.route("a").upstreamId()).isEqualTo("backend");
        assertThat(router.route("missing")).isNull();
    }

    @Test
    void invalidRewriteFailsCompilation() {
        assertThatThrownBy(() -> router(route("broken").paths("/a/**").template("/v2/%zz/{**}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route \"broken\"")
                .hasMessageContaining("percent-encoding");
    }

    @Test
    void tenThousandRoutesEachFindTheirOwn() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            routes.add(switch (i % 4) {
                case 0 -> route("exact-" + i).paths("/svc" + i + "/items").build();
                case 1 -> route("param-" + i).paths("/svc" + i + "/items/{id}").methods("GET").build();
                case 2 -> route("host-" + i).hosts("t" + i + ".example.test").paths("/**").build();
                default -> route("wild-" + i).hosts("*.w" + i + ".example.test").paths("/api/**").build();
            });
        }
        Router router = Router.compile(routes);

        for (int i = 0; i < 10_000; i++) {
            RequestAttributes request = switch (i % 4) {
                case 0 -> request("GET", NONE, "/svc" + i + "/items", NONE);
                case 1 -> request("GET", NONE, "/svc" + i + "/items/42", NONE);
                case 2 -> request("GET", "t" + i + ".example.test", "/anything", NONE);
                default -> request("GET", "a.w" + i + ".example.test", "/api/x", NONE);
            };
            assertThat(router.match(request).route().declarationIndex()).as(request.toString()).isEqualTo(i);
        }
        assertThat(router.match(request("POST", NONE, "/svc1/items/42", NONE))).isNull();
    }
}
