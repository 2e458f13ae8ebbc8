package dev.tollgate.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import org.junit.jupiter.api.Test;

class ConfigMapperTest {

    static final String SAMPLE = """
            upstreams:
              - id: echo
                targets:
                  - url: http://127.0.0.1:9001
                    weight: 1
            routes:
              - id: public
                match: { paths: ["/public/**"] }
                upstream: echo
              - id: orders
                match: { paths: ["/api/orders/**"], methods: [GET, POST], hosts: ["api.example.test"] }
                upstream: echo
                rewrite: { stripPrefix: /api }
            """;

    @Test
    void sampleDocumentIsAccepted() {
        GatewayConfig config = ConfigMapper.parseYaml(SAMPLE);

        assertThat(config.upstreams()).hasSize(1);
        assertThat(config.routes()).extracting(r -> r.id()).containsExactly("public", "orders");
        assertThat(config.routes().get(1).match().hosts()).containsExactly("api.example.test");
        assertThat(config.routes().get(1).rewrite().stripPrefix()).isEqualTo("/api");
    }

    @Test
    void yamlRoundTripKeepsTheDocument() {
        GatewayConfig config = ConfigMapper.parseYaml(SAMPLE);

        assertThat(ConfigMapper.parseYaml(ConfigMapper.toYaml(config))).isEqualTo(config);
        assertThat(ConfigMapper.parseJson(ConfigMapper.toJson(config))).isEqualTo(config);
    }

    @Test
    void unknownUpstreamIsNamedWithItsPath() {
        String yaml = SAMPLE.replace("upstream: echo\n    rewrite", "upstream: billing\n    rewrite");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString)
                        .anyMatch(s -> s.startsWith("routes[1].upstream: unknown upstream \"billing\"")));
    }

    @Test
    void unknownUpstreamWithoutUpstreamsSaysNoneAreDeclared() {
        String yaml = """
                routes:
                  - id: public
                    match: { paths: ["/public/**"] }
                    upstream: echo
                """;

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString)
                        .containsExactly("routes[0].upstream: unknown upstream \"echo\"; no upstreams are declared,"
                                + " so declare it under upstreams"));
    }

    @Test
    void targetUrlWithoutSchemeAsksForOne() {
        for (String url : new String[] {"127.0.0.1:19201", "localhost:19201"}) {
            String yaml = SAMPLE.replace("http://127.0.0.1:9001", url);

            assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                    .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                            .extracting(Violation::message)
                            .containsExactly("\"" + url + "\" has no scheme; add the scheme, e.g. http://" + url));
        }
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        String yaml = SAMPLE.replace("weight: 1", "weight: 1\n        wieght: 2");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().get(0).field()).isEqualTo("upstreams[0].targets[0].wieght");
                    assertThat(e.violations().get(0).message()).contains("unknown field \"wieght\"").contains("weight");
                });
    }

    @Test
    void wrongTypeIsNamedWithItsPath() {
        String yaml = SAMPLE.replace("weight: 1", "weight: heavy");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e ->
                        assertThat(e.violations().get(0).field()).isEqualTo("upstreams[0].targets[0].weight"));
    }

    @Test
    void everyViolationIsListed() {
        String yaml = """
                upstreams:
                  - id: a
                    targets: [{ url: "ftp://x" }]
                  - id: a
                    targets: []
                routes:
                  - id: r
                    match: { paths: ["nope", "/x/**/y"], methods: [get] }
                    upstream: missing
                """;

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder(
                                "upstreams[0].targets[0].url", "upstreams[1].targets", "upstreams[1].id",
                                "routes[0].upstream", "routes[0].match.paths[0]", "routes[0].match.paths[1]",
                                "routes[0].match.methods[0]"));
    }

    @Test
    void stripPrefixMustPrefixEveryPath() {
        String yaml = SAMPLE.replace("stripPrefix: /api", "stripPrefix: /ap");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("routes[1].rewrite.stripPrefix"));
    }

    @Test
    void readProblemsAndRuleViolationsAreListedTogether() {
        String yaml = """
                upstreams:
                  - id: echo
                    targets:
                      - url: http://127.0.0.1:9001
                        weight: 1.5
                        wieght: 2
                    retry: { attempts: "3" }
                routes:
                  - id: public
                    match: { paths: ["/public/**"] }
                    upstream: billing
                  - id: public
                    match: { paths: 5 }
                    upstream: echo
                    extra: true
                """;

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("upstreams[0].targets[0].wieght", "routes[1].extra",
                                "upstreams[0].targets[0].weight", "upstreams[0].retry.attempts",
                                "routes[1].match.paths", "routes[0].upstream", "routes[1].id"));
    }

    @Test
    void readProblemHidesRuleViolationsUnderIt() {
        String yaml = SAMPLE.replace("match: { paths: [\"/public/**\"] }", "match: { paths: 5 }");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("routes[0].match.paths");
                    assertThat(e.violations().getFirst().message()).startsWith("wrong type: expected a list");
                });
    }

    @Test
    void malformedYamlIsRejected() {
        assertThatThrownBy(() -> ConfigMapper.parseYaml("routes: [ {id: x"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("malformed document");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndProblem() {
        String yaml = SAMPLE.replace("match: { paths: [\"/public/**\"] }", "match: { paths: [\"/public/**\" }");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    String message = e.violations().getFirst().message();
                    assertThat(message).contains("line 8, column 35: expected ',' or ']' but found '}'");
                    assertThat(message).doesNotContain("\\u000A");
                    assertThat(message).doesNotContain("while parsing");
                });
    }

    @Test
    void emptyDocumentIsRejected() {
        assertThatThrownBy(() -> ConfigMapper.parseYaml("  "))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void yamlNumberLikeIdIsReadAsWritten() {
        String yaml = SAMPLE.replace("- id: echo", "- id: 012").replace("upstream: echo", "upstream: 012")
                .replace("- id: public", "- id: 1.50");

        GatewayConfig config = ConfigMapper.parseYaml(yaml);

        assertThat(config.upstreams().get(0).id()).isEqualTo("012");
        assertThat(config.routes().get(0).upstream()).isEqualTo("012");
        assertThat(config.routes().get(0).id()).isEqualTo("1.50");
    }

    @Test
    void yamlHexLikeIdIsReadAsWritten() {
        String yaml = SAMPLE.replace("- id: echo", "- id: 0x1F").replace("upstream: echo", "upstream: 0x1F");

        assertThat(ConfigMapper.parseYaml(yaml).upstreams().get(0).id()).isEqualTo("0x1F");
    }

    @Test
    void jsonNumberIsStillNotAString() {
        String json = "{\"upstreams\":[{\"id\":12,\"targets\":[{\"url\":\"http://127.0.0.1:9001\"}]}]}";

        assertThatThrownBy(() -> ConfigMapper.parseJson(json))
                .isInstanceOfSatisfying(InvalidConfigException.class, e ->
                        assertThat(e.violations().get(0).field()).isEqualTo("upstreams[0].id"));
    }

    @Test
    void yamlStringIsStillNotANumber() {
        String yaml = SAMPLE.replace("weight: 1", "weight: \"1\"");

        assertThatThrownBy(() -> ConfigMapper.parseYaml(yaml))
                .isInstanceOfSatisfying(InvalidConfigException.class, e ->
                        assertThat(e.violations().get(0).field()).isEqualTo("upstreams[0].targets[0].weight"));
    }
}
