package dev.tollgate.runtime.routing;

import static dev.tollgate.runtime.routing.RouteBuilder.route;
import static dev.tollgate.runtime.routing.RouteBuilder.router;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriteTest {

    /** Matches the normalised form of {@code rawPath} and returns the rewritten upstream path. */
    private static String rewrite(Router router, String rawPath) {
        String path = PathNormalizer.normalize(rawPath);
        RouteMatchResult result = router.match(SimpleRequestAttributes.of("GET", null, path));
        assertThat(result).as("route for " + rawPath).isNotNull();
        return result.rewritePath(path);
    }

    @ParameterizedTest(name = "strip {0} from {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /api   | /api/orders/1     | /orders/1
            /api   | /api/orders/1/    | /orders/1/
            /api   | /api              | /
            /api   | /api/             | /
            /api   | /api/a%20b        | /a%20b
            /api   | /api/%7Ex/./y     | /~x/y
            /api/  | /api/orders       | /orders
            /api/  | /api              | /
            /a/b   | /a/b/c            | /c
            /      | /api/orders       | /api/orders
            """)
    void stripPrefix(String prefix, String rawPath, String expected) {
        String pattern = prefix.equals("/") ? "/**" : prefix.replaceAll("/$", "") + "/**";
        Router router = router(route("r").paths(pattern).stripPrefix(prefix));

        assertThat(rewrite(router, rawPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "replace {0} with {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1    | /v2          | /v1/orders/1   | /v2/orders/1
            /v1    | /v2          | /v1            | /v2
            /v1    | /v2          | /v1/           | /v2/
            /v1    | /v2/         | /v1/x          | /v2/x
            /v1/   | /v2          | /v1/x          | /v2/x
            /v1    | /            | /v1/x          | /x
            /v1    | /            | /v1            | /
            /v1    | /a/b/c       | /v1/x%2Fy      | /a/b/c/x%2Fy
            /      | /v2          | /x             | /v2/x
            /      | /v2          | /              | /v2/
            """)
    void replacePrefix(String from, String to, String rawPath, String expected) {
        String pattern = from.equals("/") ? "/**" : from.replaceAll("/$", "") + "/**";
        Router router = router(route("r").paths(pattern).replacePrefix(from, to));

        assertThat(rewrite(router, rawPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/orders/{id}          | /v2/orders/{id}          | /api/orders/42        | /v2/orders/42
            /api/orders/{id}          | /v2/orders/{id}          | /api/orders/a%20b     | /v2/orders/a%20b
            /api/orders/{id}          | /v2/orders/{id}          | /api/orders/a%2Fb     | /v2/orders/a%2Fb
            /api/orders/{id}          | /v2/orders/{id}          | /api/orders/%7e1      | /v2/orders/~1
            /api/orders/{id}          | /v2/orders/{id}/         | /api/orders/42/       | /v2/orders/42/
            /u/{user}/r/{repo}        | /repos/{repo}/by/{user}  | /u/ann/r/tool         | /repos/tool/by/ann
            /api/**                   | /v2/{**}                 | /api/x/y              | /v2/x/y
            /api/**                   | /v2/{**}                 | /api/x/y/             | /v2/x/y/
            /api/**                   | /v2/{**}                 | /api                  | /v2
            /api/**                   | /v2/{**}                 | /api/                 | /v2/
            /api/**                   | /v2{**}                  | /api/x                | /v2/x
            /api/**                   | /v2{**}                  | /api                  | /v2
            /api/**                   | /{**}                    | /api/x                | /x
            /api/**                   | /{**}                    | /api                  | /
            /api/**                   | /{**}                    | /api/                 | /
            /api/**                   | /static                  | /api/x                | /static
            /users/{user}/files/**    | /u/{user}/f/{**}         | /users/a%20b/files/c  | /u/a%20b/f/c
            /api/**                   | /v%32/a b/{**}           | /api/x                | /v2/a%20b/x
            """)
    void template(String pattern, String template, String rawPath, String expected) {
        Router router = router(route("r").paths(pattern).template(template));

        assertThat(rewrite(router, rawPath)).isEqualTo(expected);
    }

    @Test
    void parameterKeepsItsEncoding() {
        Router router = router(route("r").paths("/s/{term}").template("/search/{term}"));

        String rewritten = rewrite(router, "/s/a%20b%25c");

        assertThat(rewritten).isEqualTo("/search/a%20b%25c");
        assertThat(rewritten).doesNotContain("+", "%2520", "%2525");
    }

    @Test
    void routeWithoutRewriteGivesNoRewrittenPath() {
        Router router = router(route("r").paths("/**"));

        assertThat(rewrite(router, "/a/%2e/b")).isNull();
    }

    @Test
    void upstreamTargetKeepsRawPathWithoutRewrite() {
        Router router = router(route("r").paths("/**"));
        String rawPath = "/a/%7e/./b%20c";
        String path = PathNormalizer.normalize(rawPath);

        String target = router.match(SimpleRequestAttributes.of("GET", null, path)).upstreamTarget(rawPath, path, "q=a%20b+c&x");

        assertThat(target).isEqualTo("/a/%7e/./b%20c?q=a%20b+c&x");
    }

    @ParameterizedTest(name = "{0}?{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/orders/1   | a=%20+b&c        | /orders/1?a=%20+b&c
            /api            | x=/api/&y=%2F    | /?x=/api/&y=%2F
            /api/           | q                | /?q
            """)
    void queryIsNotTouchedByRewrite(String rawPath, String rawQuery, String expected) {
        Router router = router(route("r").paths("/api/**").stripPrefix("/api"));
        String path = PathNormalizer.normalize(rawPath);

        String target = router.match(SimpleRequestAttributes.of("GET", null, path)).upstreamTarget(rawPath, path, rawQuery);

        assertThat(target).isEqualTo(expected);
    }

    @Test
    void upstreamTargetWithoutQueryHasNoQuestionMark() {
        Router router = router(route("r").paths("/api/**").stripPrefix("/api"));

        String target = router.match(SimpleRequestAttributes.of("GET", null, "/api/x")).upstreamTarget("/api/x", "/api/x", null);

        assertThat(target).isEqualTo("/x");
    }

    @Test
    void rewrittenPathsNeverHaveDoubleOrMissingSlash() {
        String[] prefixes = {"/", "/api", "/api/", "/a/b"};
        String[] replacements = {"/", "/v2", "/v2/", "/x/y/"};
        String[] suffixes = {"", "/", "/o", "/o/", "/o/p"};
        for (String from : prefixes) {
            for (String to : replacements) {
                String trimmed = from.length() > 1 && from.endsWith("/") ? from.substring(0, from.length() - 1) : from;
                String pattern = trimmed.equals("/") ? "/**" : trimmed + "/**";
                Router router = router(route("r").paths(pattern).replacePrefix(from, to));
                for (String suffix : suffixes) {
                    String rawPath = trimmed + suffix;
                    if (trimmed.equals("/")) {
                        rawPath = suffix.isEmpty() ? "/" : suffix;
                    }

                    String rewritten = rewrite(router, rawPath);

                    String description = from + " -> " + to + " on " + rawPath;
                    assertThat(rewritten).as(description).startsWith("/");
                    assertThat(rewritten).as(description).doesNotContain("//");
                }
            }
        }
    }

    @ParameterizedTest(name = "strip /api: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /orders/1        | /api/orders/1
            /                | /api/
            /login?next=/x   | /api/login?next=/x
            /a#top           | /api/a#top
            """)
    void restoreClientPathUndoesStripPrefix(String upstreamPath, String expected) {
        CompiledRoute route = router(route("r").paths("/api/**").stripPrefix("/api")).route("r");

        assertThat(route.restoreClientPath(upstreamPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "replace /v1 with /v2: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /v2/orders/1     | /v1/orders/1
            /v2              | /v1
            /v2/             | /v1/
            /v2?x=1          | /v1?x=1
            /v3/orders       | -
            /v2x             | -
            /                | -
            relative/path    | -
            """)
    void restoreClientPathUndoesReplacePrefix(String upstreamPath, String expected) {
        CompiledRoute route = router(route("r").paths("/v1/**").replacePrefix("/v1", "/v2")).route("r");

        String restored = route.restoreClientPath(upstreamPath);

        assertThat(restored == null ? "-" : restored).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/orders/{id}        | /v2/orders/{id}         | /v2/orders/7          | /api/orders/7
            /api/orders/{id}        | /v2/orders/{id}         | /v2/orders/7/         | /api/orders/7/
            /api/orders/{id}        | /v2/orders/{id}         | /v2/orders/7?x=1      | /api/orders/7?x=1
            /api/orders/{id}        | /v2/orders/{id}         | /v2/orders/           | -
            /api/orders/{id}        | /v2/orders/{id}         | /v2/orders/7/lines    | -
            /api/orders/{id}        | /v2/orders/{id}         | /v2/items/7           | -
            /u/{user}/r/{repo}      | /repos/{repo}/by/{user} | /repos/tool/by/ann    | /u/ann/r/tool
            /api/**                 | /v2/{**}                | /v2/x/y               | /api/x/y
            /api/**                 | /v2/{**}                | /v2                   | /api
            /api/**                 | /v2/{**}                | /v2/                  | /api/
            /api/**                 | /v2{**}                 | /v2/x                 | /api/x
            /api/**                 | /v2/{**}                | /v3/x                 | -
            /api/**                 | /{**}                   | /x                    | /api/x
            /api/**                 | /{**}                   | /                     | /api/
            /users/{user}/files/**  | /u/{user}/f/{**}        | /u/a%20b/f/c/d        | /users/a%20b/files/c/d
            /api/orders/{id}        | /v2/orders/{id}/{**}    | /v2/orders/7          | /api/orders/7
            /api/orders/{id}        | /v2/orders/{id}/{**}    | /v2/orders/7/x        | -
            /u/{user}/r/{repo}      | /repos/{repo}           | /repos/tool           | -
            /api/**                 | /v2/static              | /v2/static            | -
            /api/orders/{id}        | /v2/order-{id}          | /v2/order-7           | -
            /health                 | /                       | /                     | /health
            """)
    void restoreClientPathInvertsTemplate(String pattern, String template, String upstreamPath, String expected) {
        CompiledRoute route = router(route("r").paths(pattern).template(template)).route("r");

        String restored = route.restoreClientPath(upstreamPath);

        assertThat(restored == null ? "-" : restored).isEqualTo(expected);
    }

    @Test
    void restoreUsesFirstFittingPattern() {
        CompiledRoute route = router(route("r").paths("/a/{x}/{y}", "/b/{y}").template("/up/{y}")).route("r");

        assertThat(route.restoreClientPath("/up/1")).isEqualTo("/b/1");
    }

    @Test
    void restoreClientPathWithoutRewriteIsIdentity() {
        CompiledRoute route = router(route("r").paths("/**")).route("r");

        assertThat(route.restoreClientPath("/x/y?z")).isEqualTo("/x/y?z");
    }

    @Test
    void restoreThenRewriteGivesUpstreamPathBack() {
        Router router = router(route("r").paths("/public/**").replacePrefix("/public", "/internal/v2"));
        CompiledRoute route = router.route("r");
        String[] upstreamPaths = {"/internal/v2", "/internal/v2/", "/internal/v2/a/b", "/internal/v2/a%20b"};
        for (String upstreamPath : upstreamPaths) {
            String clientPath = route.restoreClientPath(upstreamPath);

            assertThat(rewrite(router, clientPath)).as(upstreamPath).isEqualTo(upstreamPath);
        }
    }
}
