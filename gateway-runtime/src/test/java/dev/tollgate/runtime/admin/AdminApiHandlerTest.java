package dev.tollgate.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.store.TestConfigs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String METRICS_BODY = "tollgate_up 1\n";

    @TempDir
    Path dataDir;

    private AdminApiFixture api;

    @BeforeEach
    void start() throws Exception {
        DelegatedEndpoint metrics = new DelegatedEndpoint("GET", AdminPaths.METRICS, Role.VIEWER, "getMetrics",
                "Prometheus metrics", (request, response, callback) -> {
                    response.getHeaders().put("Content-Type", "text/plain; version=0.0.4");
                    Content.Sink.write(response, true, METRICS_BODY, callback);
                    return true;
                });
        DelegatedEndpoint failing = new DelegatedEndpoint("GET", AdminPaths.BASE + "/failing", Role.VIEWER, "getFailing",
                "Throws, for the failure path", (request, response, callback) -> {
                    throw new IllegalStateException("delegate failed on purpose");
                });
        api = new AdminApiFixture(dataDir, CLOCK, List.of(metrics, failing));
        api.dataDirectory.configStore().commit(TestConfigs.users(), 0, "seed", "config.replace");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ConfigMapper.json().readTree(response.body());
    }

    private static String problemType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    // ---- authentication and roles ----

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.HEALTH).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("UP");
        assertThat(json(response).get("configRevision").asLong()).isEqualTo(1);
    }

    @Test
    void missingTokenGets401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.CONFIG).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(problemType(response)).startsWith("application/problem+json");
        assertThat(api.authFailures.count(AuthFailureMonitor.MISSING)).isEqualTo(1);
        assertThat(api.recordedFailureReasons).containsExactly(AuthFailureMonitor.MISSING);
    }

    @Test
    void wrongTokenGets401AndIsCounted() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.CONFIG)
                .header("Authorization", "Bearer tg_000000000000_" + "A".repeat(43)).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("error=\"invalid_token\""));
        assertThat(api.authFailures.count(AuthFailureMonitor.UNKNOWN)).isEqualTo(1);
    }

    @Test
    void nonBearerSchemeGets401() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.CONFIG)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.authFailures.count(AuthFailureMonitor.MALFORMED)).isEqualTo(1);
    }

    @Test
    void unknownPathNeedsTokenBefore404() throws Exception {
        HttpResponse<String> anonymous = api.send(api.request("/admin/v1/nothing-here").GET().build());
        HttpResponse<String> viewer = api.get("/admin/v1/nothing-here", Role.VIEWER);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(viewer.statusCode()).isEqualTo(404);
        assertThat(problemType(viewer)).startsWith("application/problem+json");
    }

    @Test
    void wrongMethodGets405WithAllow() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.INFO, Role.ADMIN)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void roleMatrixFollowsRouteTable() throws Exception {
        for (AdminRoute route : api.handler.routes()) {
            String path = route.pathTemplate().replace("{id}", "users").replace("{revision}", "1");
            HttpResponse<String> anonymous = api.send(api.request(path)
                    .method(route.method(), HttpRequest.BodyPublishers.noBody()).build());
            if (route.requiredRole() == null) {
                assertThat(anonymous.statusCode()).as("%s %s without a token", route.method(), path).isEqualTo(200);
                continue;
            }
            assertThat(anonymous.statusCode()).as("%s %s without a token", route.method(), path).isEqualTo(401);
            for (Role role : Role.values()) {
                HttpResponse<String> response = api.send(api.request(path, role)
                        .header("Content-Type", "application/json")
                        .method(route.method(), HttpRequest.BodyPublishers.ofString("{}")).build());
                if (role.allows(route.requiredRole())) {
                    assertThat(response.statusCode()).as("%s %s as %s", route.method(), path, role)
                            .isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as("%s %s as %s", route.method(), path, role).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void viewerCannotChangeRoutesAndForbiddenIsCounted() throws Exception {
        HttpResponse<String> response = api.sendJson("DELETE", AdminPaths.ROUTES + "/users", Role.VIEWER, null, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("detail").asText()).contains("operator");
        assertThat(api.authFailures.count(AuthFailureMonitor.FORBIDDEN)).isEqualTo(1);
        assertThat(api.revision()).isEqualTo(1);
    }

    // ---- config ----

    @Test
    void configServedAsJsonOrYaml() throws Exception {
        HttpResponse<String> asJson = api.get(AdminPaths.CONFIG, Role.VIEWER);
        HttpResponse<String> asYaml = api.send(api.request(AdminPaths.CONFIG, Role.VIEWER)
                .header("Accept", "application/yaml").GET().build());

        assertThat(asJson.statusCode()).isEqualTo(200);
        assertThat(asJson.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(asJson.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ConfigMapper.parseJson(asJson.body())).isEqualTo(TestConfigs.users());
        assertThat(asYaml.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
        assertThat(ConfigMapper.parseYaml(asYaml.body())).isEqualTo(TestConfigs.users());
        assertThat(asYaml.headers().firstValue(AdminPaths.REVISION_HEADER)).contains("1");
    }

    @Test
    void missingIfMatchGets428() throws Exception {
        HttpResponse<String> response = api.sendJson("PUT", AdminPaths.CONFIG, Role.ADMIN,
                ConfigMapper.toJson(TestConfigs.withRoutes(1)), null);

        assertThat(response.statusCode()).isEqualTo(428);
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void staleIfMatchGets412() throws Exception {
        HttpResponse<String> response = api.sendJson("PUT", AdminPaths.CONFIG, Role.ADMIN,
                ConfigMapper.toJson(TestConfigs.withRoutes(1)), "\"0\"");

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(json(response).get("currentRevision").asLong()).isEqualTo(1);
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void unquotedIfMatchHintOnlyAsksForQuotes() throws Exception {
        HttpResponse<String> response = api.sendJson("PUT", AdminPaths.CONFIG, Role.ADMIN,
                ConfigMapper.toJson(TestConfigs.withRoutes(1)), "1");

        assertThat(response.statusCode()).isEqualTo(412);
        String detail = json(response).get("detail").asText();
        assertThat(detail).contains("send If-Match: \"1\"");
        assertThat(detail).doesNotContain("reload");
    }

    @Test
    void invalidProblemTitleMatchesReasonPhrase() throws Exception {
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.CONFIG_VALIDATE, Role.VIEWER, "{\"routes\": 1}", null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("title").asText()).isEqualTo(org.eclipse.jetty.http.HttpStatus.getMessage(422));
    }

    @Test
    void currentIfMatchCommits() throws Exception {
        HttpResponse<String> response = api.sendJson("PUT", AdminPaths.CONFIG, Role.ADMIN,
                ConfigMapper.toJson(TestConfigs.withRoutes(1)), "\"1\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"2\"");
        assertThat(json(response).get("revision").asLong()).isEqualTo(2);
        assertThat(json(response).get("action").asText()).isEqualTo("config.replace");
        assertThat(api.dataDirectory.configStore().current().config()).isEqualTo(TestConfigs.withRoutes(1));
    }

    @Test
    void replaceAcceptsYamlBody() throws Exception {
        HttpResponse<String> response = api.send(api.request(AdminPaths.CONFIG, Role.ADMIN)
                .header("Content-Type", "application/yaml").header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(ConfigMapper.toYaml(TestConfigs.withRoutes(2)))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.dataDirectory.configStore().current().config()).isEqualTo(TestConfigs.withRoutes(2));
    }

    @Test
    void validateReportsEveryViolationByPath() throws Exception {
        String invalid = """
                {"upstreams": [{"id": "users", "targets": []}],
                 "routes": [{"id": "a", "upstream": "missing"}, {"id": "a", "upstream": "users"}]}
                """;
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.CONFIG_VALIDATE, Role.VIEWER, invalid, null);
        HttpResponse<String> valid = api.sendJson("POST", AdminPaths.CONFIG_VALIDATE, Role.VIEWER,
                ConfigMapper.toJson(TestConfigs.users()), null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(problemType(response)).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains("upstreams[0].targets", "routes[0].upstream", "routes[1].id");
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(json(valid).get("valid").asBoolean()).isTrue();
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void validateListsReadProblemsWithRuleViolations() throws Exception {
        String invalid = """
                {"upstreams": [{"id": "users", "targets": [{"url": "http://127.0.0.1:9001", "weight": 1.5}]}],
                 "routes": [{"id": "a", "upstream": "missing", "match": {"paths": ["/a/**"]}, "extra": 1}]}
                """;
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.CONFIG_VALIDATE, Role.VIEWER, invalid, null);

        assertThat(response.statusCode()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("upstreams[0].targets[0].weight", "routes[0].extra",
                "routes[0].upstream");
    }

    /** One kind of bad input: how to send it and the status it must get. */
    private record BadInput(String name, String method, String path, String contentType, String body, int status) {}

    @Test
    void everyKindOfBadInputLeavesRevisionUnchanged() throws Exception {
        String users = ConfigMapper.toJson(TestConfigs.users());
        List<BadInput> cases = List.of(
                new BadInput("unknown field", "PUT", AdminPaths.CONFIG, "application/json",
                        users.replaceFirst("\\{", "{\"surprise\": true,"), 422),
                new BadInput("wrong type", "PUT", AdminPaths.ROUTES + "/users", "application/json",
                        "{\"id\": \"users\", \"upstream\": \"users\", \"priority\": \"high\"}", 422),
                new BadInput("dangling reference", "POST", AdminPaths.ROUTES, "application/json",
                        "{\"id\": \"orders\", \"upstream\": \"nowhere\"}", 422),
                new BadInput("duplicate id in document", "PUT", AdminPaths.CONFIG, "application/json",
                        ConfigMapper.toJson(TestConfigs.users().withRoutes(List.of(TestConfigs.users().routes().get(0),
                                TestConfigs.users().routes().get(0)))), 422),
                new BadInput("duplicate id on create", "POST", AdminPaths.ROUTES, "application/json",
                        "{\"id\": \"users\", \"upstream\": \"users\"}", 409),
                new BadInput("malformed JSON", "POST", AdminPaths.UPSTREAMS, "application/json", "{\"id\": ", 422),
                new BadInput("malformed YAML", "PUT", AdminPaths.CONFIG, "application/yaml", "routes: [\n  - id: a\n", 422),
                new BadInput("empty body", "PUT", AdminPaths.CONFIG, "application/json", "", 422),
                new BadInput("JSON null", "POST", AdminPaths.ROUTES, "application/json", "null", 422),
                new BadInput("wrong content type", "PUT", AdminPaths.CONFIG, "text/plain", users, 415),
                new BadInput("form content type", "POST", AdminPaths.ROUTES, "application/x-www-form-urlencoded",
                        "id=a", 415),
                new BadInput("YAML for an item", "POST", AdminPaths.ROUTES, "application/yaml", "id: a\n", 415),
                new BadInput("oversized body", "PUT", AdminPaths.CONFIG, "application/json",
                        "{\"routes\": [" + " ".repeat(5 * 1024 * 1024) + "]}", 413),
                new BadInput("id differs from path", "PUT", AdminPaths.ROUTES + "/users", "application/json",
                        "{\"id\": \"other\", \"upstream\": \"users\"}", 422),
                new BadInput("route without id", "POST", AdminPaths.ROUTES, "application/json",
                        "{\"upstream\": \"users\"}", 422),
                new BadInput("upstream still referenced", "DELETE", AdminPaths.UPSTREAMS + "/users", "application/json",
                        null, 409),
                new BadInput("unknown route", "DELETE", AdminPaths.ROUTES + "/ghost", "application/json", null, 404),
                new BadInput("unknown rollback revision", "POST", AdminPaths.CONFIG_ROLLBACK + "/99", "application/json",
                        null, 404),
                new BadInput("non-numeric revision", "POST", AdminPaths.CONFIG_ROLLBACK + "/latest", "application/json",
                        null, 400));
        String configBefore = api.get(AdminPaths.CONFIG, Role.VIEWER).body();
        int auditBefore = api.dataDirectory.auditLog().page(Long.MAX_VALUE, 1000).size();

        for (BadInput bad : cases) {
            HttpRequest.Builder builder = api.request(bad.path(), Role.ADMIN).header("Content-Type", bad.contentType())
                    .header("If-Match", "\"1\"")
                    .method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bad.body().getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> response = api.send(builder.build());

            assertThat(response.statusCode()).as(bad.name() + ": " + response.body()).isEqualTo(bad.status());
            assertThat(problemType(response)).as(bad.name()).startsWith("application/problem+json");
            assertThat(api.revision()).as(bad.name()).isEqualTo(1);
        }
        assertThat(api.get(AdminPaths.CONFIG, Role.VIEWER).body()).isEqualTo(configBefore);
        assertThat(api.dataDirectory.auditLog().page(Long.MAX_VALUE, 1000)).hasSize(auditBefore);
        assertThat(api.dataDirectory.configStore().revisions()).hasSize(1);
    }

    @Test
    void unknownFieldProblemNamesFieldPath() throws Exception {
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.UPSTREAMS, Role.OPERATOR,
                "{\"id\": \"orders\", \"targets\": [{\"url\": \"http://127.0.0.1:9002\", \"wieght\": 2}]}", null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("targets[0].wieght");
        assertThat(error.get("message").asText()).contains("wieght");
    }

    @Test
    void deletingReferencedUpstreamNamesRoutes() throws Exception {
        api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR,
                "{\"id\": \"accounts\", \"match\": {\"paths\": [\"/accounts\"]}, \"upstream\": \"users\"}", null);

        HttpResponse<String> response = api.sendJson("DELETE", AdminPaths.UPSTREAMS + "/users", Role.OPERATOR, null, null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("detail").asText()).contains("users, accounts");
        assertThat(api.revision()).isEqualTo(2);
    }

    // ---- routes and upstreams ----

    @Test
    void routeLifecycleMakesOneRevisionPerChange() throws Exception {
        HttpResponse<String> created = api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR,
                "{\"id\": \"orders\", \"match\": {\"paths\": [\"/orders/**\"]}, \"upstream\": \"users\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains(AdminPaths.ROUTES + "/orders");
        assertThat(created.headers().firstValue("ETag")).contains("\"2\"");

        HttpResponse<String> fetched = api.get(AdminPaths.ROUTES + "/orders", Role.VIEWER);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json(fetched).get("upstream").asText()).isEqualTo("users");

        HttpResponse<String> replaced = api.sendJson("PUT", AdminPaths.ROUTES + "/orders", Role.OPERATOR,
                "{\"match\": {\"paths\": [\"/v2/orders/**\"]}, \"upstream\": \"users\"}", "\"2\"");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("id").asText()).isEqualTo("orders");

        HttpResponse<String> stale = api.sendJson("PUT", AdminPaths.ROUTES + "/orders", Role.OPERATOR,
                "{\"match\": {\"paths\": [\"/v3/orders/**\"]}, \"upstream\": \"users\"}", "\"2\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).get("currentRevision").asLong()).isEqualTo(3);

        HttpResponse<String> listed = api.get(AdminPaths.ROUTES, Role.VIEWER);
        assertThat(json(listed)).hasSize(2);
        assertThat(listed.headers().firstValue("ETag")).contains("\"3\"");

        HttpResponse<String> deleted = api.sendJson("DELETE", AdminPaths.ROUTES + "/orders", Role.OPERATOR, null, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(api.get(AdminPaths.ROUTES + "/orders", Role.VIEWER).statusCode()).isEqualTo(404);
        assertThat(api.revision()).isEqualTo(4);
        assertThat(api.dataDirectory.configStore().revisions()).extracting(r -> r.action())
                .containsExactly("config.replace", "route.create", "route.update", "route.delete");
    }

    @Test
    void upstreamCanBeAddedAndReplaced() throws Exception {
        HttpResponse<String> created = api.sendJson("POST", AdminPaths.UPSTREAMS, Role.OPERATOR,
                "{\"id\": \"orders\", \"targets\": [{\"url\": \"http://127.0.0.1:9002\"}]}", null);
        HttpResponse<String> replaced = api.sendJson("PUT", AdminPaths.UPSTREAMS + "/orders", Role.OPERATOR,
                "{\"id\": \"orders\", \"targets\": [{\"url\": \"http://127.0.0.1:9003\", \"weight\": 5}]}", null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(replaced.statusCode()).isEqualTo(200);
        GatewayConfig config = api.dataDirectory.configStore().current().config();
        assertThat(config.upstream("orders").orElseThrow().targets().get(0).url()).isEqualTo("http://127.0.0.1:9003");
        assertThat(api.revision()).isEqualTo(3);
    }

    // ---- revisions, diff, rollback ----

    @Test
    void revisionsDiffAndRollback() throws Exception {
        api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR,
                "{\"id\": \"orders\", \"match\": {\"paths\": [\"/orders/**\"]}, \"upstream\": \"users\"}", null);

        HttpResponse<String> revisions = api.get(AdminPaths.CONFIG_REVISIONS, Role.VIEWER);
        assertThat(json(revisions)).hasSize(2);
        assertThat(json(revisions).get(0).get("revision").asLong()).isEqualTo(2);

        HttpResponse<String> first = api.get(AdminPaths.CONFIG_REVISIONS + "/1", Role.VIEWER);
        assertThat(ConfigMapper.parseJson(first.body())).isEqualTo(TestConfigs.users());
        assertThat(api.get(AdminPaths.CONFIG_REVISIONS + "/7", Role.VIEWER).statusCode()).isEqualTo(404);

        HttpResponse<String> diff = api.get(AdminPaths.CONFIG_DIFF + "?from=1&to=2", Role.VIEWER);
        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(json(diff).get("routesAdded").get(0).asText()).isEqualTo("orders");
        assertThat(json(diff).get("unifiedDiff").asText()).startsWith("--- revision 1\n+++ revision 2\n@@")
                .contains("+  - id: orders");

        HttpResponse<String> rollback = api.sendJson("POST", AdminPaths.CONFIG_ROLLBACK + "/1", Role.ADMIN, null, "\"2\"");
        assertThat(rollback.statusCode()).isEqualTo(200);
        assertThat(json(rollback).get("revision").asLong()).isEqualTo(3);
        assertThat(json(rollback).get("action").asText()).isEqualTo("config.rollback");
        assertThat(api.dataDirectory.configStore().current().config()).isEqualTo(TestConfigs.users());
        assertThat(api.dataDirectory.configStore().current().hash())
                .isEqualTo(api.dataDirectory.configStore().revision(1).orElseThrow().hash());

        HttpResponse<String> defaultDiff = api.get(AdminPaths.CONFIG_DIFF, Role.VIEWER);
        assertThat(json(defaultDiff).get("fromRevision").asLong()).isEqualTo(2);
        assertThat(json(defaultDiff).get("routesRemoved").get(0).asText()).isEqualTo("orders");
        assertThat(api.get(AdminPaths.CONFIG_DIFF + "?from=x", Role.VIEWER).statusCode()).isEqualTo(400);
    }

    // ---- audit and tokens ----

    @Test
    void auditRecordsWhoWhatAndRevisions() throws Exception {
        String operatorId = api.dataDirectory.tokenStore().authenticate(api.tokens.get(Role.OPERATOR)).orElseThrow().id();
        api.sendJson("DELETE", AdminPaths.ROUTES + "/users", Role.OPERATOR, null, null);

        HttpResponse<String> audit = api.get(AdminPaths.AUDIT + "?limit=1", Role.VIEWER);

        assertThat(audit.statusCode()).isEqualTo(200);
        AuditEntry entry = ConfigMapper.json().readValue(audit.body(), AuditEntry[].class)[0];
        assertThat(entry.actor()).isEqualTo(operatorId);
        assertThat(entry.action()).isEqualTo("route.delete");
        assertThat(entry.target()).isEqualTo("users");
        assertThat(entry.revisionBefore()).isEqualTo(1);
        assertThat(entry.revisionAfter()).isEqualTo(2);
        assertThat(entry.peerAddress()).isEqualTo("127.0.0.1");
        assertThat(entry.at()).isEqualTo(CLOCK.instant());

        HttpResponse<String> older = api.get(AdminPaths.AUDIT + "?before=" + entry.sequence(), Role.VIEWER);
        assertThat(json(older)).hasSize(1);
        assertThat(json(older).get(0).get("actor").asText()).isEqualTo("seed");
    }

    @Test
    void tokensAreCreatedListedAndRevoked() throws Exception {
        HttpResponse<String> created = api.sendJson("POST", AdminPaths.TOKENS, Role.ADMIN,
                "{\"role\": \"operator\", \"description\": \"ci\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = json(created).get("secret").asText();
        String id = json(created).get("token").get("id").asText();

        HttpResponse<String> listed = api.get(AdminPaths.TOKENS, Role.ADMIN);
        assertThat(listed.body()).contains(id).doesNotContain(secret).doesNotContain("sha256");
        HttpResponse<String> withNewToken = api.send(api.request(AdminPaths.ROUTES)
                .header("Authorization", "Bearer " + secret).GET().build());
        assertThat(withNewToken.statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = api.sendJson("DELETE", AdminPaths.TOKENS + "/" + id, Role.ADMIN, null, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revokedAt").asText()).isEqualTo(CLOCK.instant().toString());
        HttpResponse<String> afterRevoke = api.send(api.request(AdminPaths.ROUTES)
                .header("Authorization", "Bearer " + secret).GET().build());
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(api.authFailures.count(AuthFailureMonitor.REVOKED)).isEqualTo(1);

        List<String> actions = api.dataDirectory.auditLog().page(Long.MAX_VALUE, 2).stream()
                .map(AuditEntry::action).toList();
        assertThat(actions).containsExactly("token.revoke", "token.create");
    }

    @Test
    void tokenRequestWithoutRoleIsRejected() throws Exception {
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.TOKENS, Role.ADMIN, "{\"description\": \"x\"}", null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("role");
    }

    @Test
    void lastAdminTokenCannotBeRevoked() throws Exception {
        String adminId = api.dataDirectory.tokenStore().authenticate(api.tokens.get(Role.ADMIN)).orElseThrow().id();

        HttpResponse<String> response = api.sendJson("DELETE", AdminPaths.TOKENS + "/" + adminId, Role.ADMIN, null, null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api.get(AdminPaths.TOKENS, Role.ADMIN).statusCode()).isEqualTo(200);
    }

    // ---- concurrency ----

    @Test
    void concurrentHttpWritersExactlyOneWins() throws Exception {
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = ConfigMapper.toJson(TestConfigs.withRoutes(i + 1));
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.sendJson("PUT", AdminPaths.CONFIG, Role.ADMIN, body, "\"1\"").statusCode();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).filteredOn(status -> status == 200).hasSize(1);
            assertThat(results).filteredOn(status -> status == 412).hasSize(writers - 1);
            assertThat(api.revision()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRouteCreatesWithoutIfMatchAllLand() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "{\"id\": \"c" + i + "\", \"upstream\": \"users\", \"match\": {\"paths\": [\"/c" + i + "\"]}}";
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR, body, null).statusCode();
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Integer> status : statuses) {
                created += status.get() == 201 ? 1 : 0;
            }
            // Without If-Match a lost race is retried on the newer revision, up to a few times.
            assertThat(api.revision()).isEqualTo(1 + created);
            assertThat(api.dataDirectory.configStore().current().config().routes()).hasSize(1 + created);
            assertThat(created).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- info, openapi, delegated endpoints ----

    @Test
    void infoShowsRevisionAndCounts() throws Exception {
        JsonNode info = json(api.get(AdminPaths.INFO, Role.VIEWER));

        assertThat(info.get("nodeId").asText()).isEqualTo("node-test");
        assertThat(info.get("configRevision").asLong()).isEqualTo(1);
        assertThat(info.get("configHash").asText()).isEqualTo(api.dataDirectory.configStore().current().hash());
        assertThat(info.get("routes").asInt()).isEqualTo(1);
        assertThat(info.get("upstreams").asInt()).isEqualTo(1);
    }

    @Test
    void openApiListsEveryRoutedEndpoint() throws Exception {
        HttpResponse<String> response = api.get(AdminPaths.OPENAPI, Role.VIEWER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json(response);
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");

        List<String> missing = new ArrayList<>();
        for (AdminRoute route : api.handler.routes()) {
            JsonNode operation = document.path("paths").path(route.pathTemplate()).path(route.method().toLowerCase());
            if (operation.isMissingNode() || !operation.path("operationId").asText().equals(route.operationId())) {
                missing.add(route.method() + " " + route.pathTemplate());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(document.path("paths").path(AdminPaths.METRICS).path("get").isMissingNode()).isFalse();
        assertThat(document.path("paths").path(AdminPaths.HEALTH).path("get").path("security")).isEmpty();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            operations += path.getValue().size();
        }
        assertThat(operations).isEqualTo(api.handler.routes().size());
    }

    @Test
    void failingDelegateGets500() throws Exception {
        HttpResponse<String> response = api.get(AdminPaths.BASE + "/failing", Role.VIEWER);

        assertThat(response.statusCode()).isEqualTo(500);
    }

    @Test
    void delegatedEndpointRunsOnlyAfterAuthentication() throws Exception {
        HttpResponse<String> anonymous = api.send(api.request(AdminPaths.METRICS).GET().build());
        HttpResponse<String> viewer = api.get(AdminPaths.METRICS, Role.VIEWER);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).isEqualTo(METRICS_BODY);
    }
}
