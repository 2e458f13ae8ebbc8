package dev.tollgate.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents a careless or hostile operator might send: each is rejected with the field it breaks. */
class HostileDocumentTest {

    private static final String UPSTREAM_JSON = "{\"id\":\"backend\",\"targets\":[{\"url\":\"http://127.0.0.1:9001\"}]}";

    @Test
    void fractionForWholeNumberIsRejected() {
        String json = "{\"upstreams\":[" + UPSTREAM_JSON + "],"
                + "\"routes\":[{\"id\":\"r\",\"upstream\":\"backend\",\"priority\":1.5}]}";

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

        assertThat(violations).extracting(Violation::field).containsExactly("routes[0].priority");
        assertThat(violations.get(0).message()).contains("whole number");
    }

    @Test
    void fractionInYamlIsRejected() {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9001"}]
                    healthCheck: {intervalMillis: 1.9}
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).extracting(Violation::field).containsExactly("upstreams[0].healthCheck.intervalMillis");
    }

    @Test
    void emptyYamlListItemIsNamed() {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9001"}]
                routes:
                  -
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).extracting(Violation::field).containsExactly("routes[0]");
        assertThat(violations.get(0).message()).contains("is empty").contains("remove the empty item");
    }

    @Test
    void nullInNestedListIsNamed() {
        String json = "{\"upstreams\":[" + UPSTREAM_JSON + "],"
                + "\"routes\":[{\"id\":\"r\",\"upstream\":\"backend\",\"match\":{\"paths\":[\"/a\",null]}}]}";

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

        assertThat(violations).extracting(Violation::field).containsExactly("routes[0].match.paths[1]");
        assertThat(violations.get(0).message()).contains("must not be null").doesNotContain("NullPointerException");
    }

    @Test
    void nullMapValueIsNamedWithItsPath() {
        String json = "{\"upstreams\":[" + UPSTREAM_JSON + "],"
                + "\"routes\":[{\"id\":\"r\",\"upstream\":\"backend\",\"match\":{\"headers\":{\"X-Tenant\":null}}}]}";

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

        assertThat(violations).extracting(Violation::field).containsExactly("routes[0].match.headers.X-Tenant");
        assertThat(violations.get(0).message()).contains("must not be null");
    }

    @Test
    void nullTrustedProxyIsNamedWithItsPath() {
        List<Violation> violations = violationsOf(() ->
                ConfigMapper.parseJson("{\"gateway\":{\"trustedProxies\":[\"10.0.0.0/8\",null]}}"));

        assertThat(violations).extracting(Violation::field).containsExactly("gateway.trustedProxies[1]");
    }

    @Test
    void yamlAliasIsRejected() {
        // Jackson reads an alias as the anchor's name: "*backend" would become the string "backend".
        String yaml = """
                upstreams:
                  - id: &backend billing
                    targets: [{url: "http://127.0.0.1:9001"}]
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9002"}]
                routes:
                  - id: r
                    upstream: *backend
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).extracting(Violation::field).containsExactly("routes[0].upstream");
        assertThat(violations.get(0).message()).contains("alias").contains("*backend");
    }

    @Test
    void yamlAliasBombIsRejected() {
        String yaml = """
                a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).contains("alias");
    }

    @Test
    void secondYamlDocumentIsRejected() {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9001"}]
                ---
                routes: []
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).contains("more than one YAML document").contains("line 5");
    }

    @Test
    void explicitDocumentMarkersAreAccepted() {
        String yaml = """
                ---
                upstreams:
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9001"}]
                ...
                """;

        assertThat(ConfigMapper.parseYaml(yaml).upstreams()).hasSize(1);
    }

    @Test
    void truncatedJsonNamesLineWithoutParserInternals() {
        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson("{\"routes\":[{\"id\":\"r\"}]"));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).contains("line 1, column 1").doesNotContain("Source:")
                .doesNotContain("StreamReadFeature");
    }

    @Test
    void duplicateKeyIsNamedWithItsPath() {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{url: "http://127.0.0.1:9001"}]
                    targets: []
                """;

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseYaml(yaml));

        assertThat(violations).extracting(Violation::field).containsExactly("upstreams[0].targets");
        assertThat(violations.get(0).message()).contains("duplicate field \"targets\"");
    }

    @Test
    void targetUserInfoIsNotEchoed() {
        for (String url : List.of("http://admin:hunter2pass@127.0.0.1:9001", "http://admin:hunter2pass@127.0.0.1:9001/x",
                "ftp://admin:hunter2pass@127.0.0.1:9001", "http://admin:hunter2pass@127.0.0.1:9001?q=1")) {
            String json = "{\"upstreams\":[{\"id\":\"backend\",\"targets\":[{\"url\":\"" + url + "\"}]}]}";

            List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

            assertThat(violations).extracting(Violation::field).containsExactly("upstreams[0].targets[0].url");
            assertThat(violations.get(0).message()).as(url).doesNotContain("hunter2pass").contains("user info");
        }
    }

    @Test
    void targetPortOutsideRangeIsRejected() {
        String json = "{\"upstreams\":[{\"id\":\"backend\",\"targets\":[{\"url\":\"http://127.0.0.1:99999\"}]}]}";

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

        assertThat(violations).extracting(Violation::field).containsExactly("upstreams[0].targets[0].url");
        assertThat(violations.get(0).message()).contains("99999").contains("65535");
    }

    @Test
    void controlCharactersInEchoedValuesAreEscaped() {
        // An id, host or header name is quoted in the message, which is logged and printed by the CLI.
        String json = "{\"upstreams\":[{\"id\":\"a\\u001b[31m\\nFAKE\",\"targets\":[{\"url\":\"http://127.0.0.1:9001\"}]}],"
                + "\"routes\":[{\"id\":\"r\",\"upstream\":\"x\\r\\ny\",\"match\":{\"headers\":{\"X\\nY\":\"*\"}}}]}";

        List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

        assertThat(violations).hasSize(3);
        for (Violation violation : violations) {
            assertThat(violation.toString().chars()).as(violation.toString()).noneMatch(c -> c < 0x20 || c == 0x7F);
        }
        assertThat(violations.get(0).message()).contains("\\u001B[31m\\u000AFAKE");
    }

    /** A route in JSON with one bad path or rewrite, and the field that must be named. */
    private record BadPath(String routeJson, String field) {}

    @Test
    void controlCharacterInPathIsNamed() {
        List<BadPath> cases = List.of(
                new BadPath("\"match\":{\"paths\":[\"/a\\u0000b\"]}", "routes[0].match.paths[0]"),
                new BadPath("\"match\":{\"paths\":[\"/a\\r\\nb\"]}", "routes[0].match.paths[0]"),
                new BadPath("\"match\":{\"paths\":[\"/a%0Db\"]}", "routes[0].match.paths[0]"),
                new BadPath("\"match\":{\"paths\":[\"/a%7f\"]}", "routes[0].match.paths[0]"),
                new BadPath("\"match\":{\"paths\":[\"/a%zz\"]}", "routes[0].match.paths[0]"),
                new BadPath("\"match\":{\"paths\":[\"/a/**\"]},\"rewrite\":{\"template\":\"/x\\r\\n{**}\"}",
                        "routes[0].rewrite.template"),
                new BadPath("\"match\":{\"paths\":[\"/a/**\"]},\"rewrite\":{\"replacePrefix\":"
                        + "{\"from\":\"/a\",\"to\":\"/x%0a\"}}", "routes[0].rewrite.replacePrefix.to"),
                new BadPath("\"match\":{\"paths\":[\"/a/**\"]},\"rewrite\":{\"replacePrefix\":"
                        + "{\"from\":\"/a\\t\",\"to\":\"/x\"}}", "routes[0].rewrite.replacePrefix.from"),
                new BadPath("\"match\":{\"paths\":[\"/a/**\"]},\"rewrite\":{\"stripPrefix\":\"/a\\u007f\"}",
                        "routes[0].rewrite.stripPrefix"));

        for (BadPath bad : cases) {
            String json = "{\"upstreams\":[" + UPSTREAM_JSON + "],"
                    + "\"routes\":[{\"id\":\"r\",\"upstream\":\"backend\"," + bad.routeJson() + "}]}";

            List<Violation> violations = violationsOf(() -> ConfigMapper.parseJson(json));

            assertThat(violations).as(bad.routeJson()).extracting(Violation::field).containsExactly(bad.field());
            assertThat(violations.get(0).message()).as(bad.routeJson())
                    .doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").doesNotContain("\u007f");
        }
    }

    private static List<Violation> violationsOf(Runnable parse) {
        InvalidConfigException[] thrown = new InvalidConfigException[1];
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidConfigException.class, e -> thrown[0] = e);
        return thrown[0].violations();
    }
}
