package dev.tollgate.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.Role;
import dev.tollgate.runtime.store.TestConfigs;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests a hostile or careless client might send to the admin API: each is rejected and changes nothing. */
class AdminApiHostileRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private AdminApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new AdminApiFixture(dataDir, CLOCK);
        api.dataDirectory.configStore().commit(TestConfigs.users(), 0, "seed", "config.replace");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void twoAuthorizationHeadersAreRejected() throws Exception {
        String valid = "Bearer " + api.tokens.get(Role.ADMIN);
        String bogus = "Bearer tg_000000000000_" + "A".repeat(43);

        for (List<String> headers : List.of(List.of(valid, bogus), List.of(bogus, valid), List.of(valid, valid))) {
            HttpResponse<String> response = api.send(api.request(AdminPaths.CONFIG)
                    .header("Authorization", headers.get(0)).header("Authorization", headers.get(1)).GET().build());

            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(401);
            assertThat(response.body()).as(headers.toString()).doesNotContain(api.tokens.get(Role.ADMIN));
        }
        assertThat(api.authFailures.count(AuthFailureMonitor.MALFORMED)).isEqualTo(3);
    }

    @Test
    void revisionWithNonAsciiDigitsIsRejected() throws Exception {
        // Long.parseLong accepts any Unicode decimal digit and a leading '+', so "/१" (U+0967) would read as 1.
        for (String revision : List.of("%E0%A5%A7", "%D9%A1", "+1", "0x1", "1%20")) {
            HttpResponse<String> response = api.get(AdminPaths.CONFIG_REVISIONS + "/" + revision, Role.VIEWER);

            assertThat(response.statusCode()).as(revision).isEqualTo(400);
            assertThat(response.body()).as(revision).contains("whole number");
        }
    }

    @Test
    void queryNumberWithNonAsciiDigitsIsRejected() throws Exception {
        for (String limit : List.of("%D9%A1", "%2B1", "1e2")) {
            HttpResponse<String> response = api.get(AdminPaths.AUDIT + "?limit=" + limit, Role.VIEWER);

            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(response.body()).as(limit).contains("whole number");
        }
    }

    @Test
    void weakIfMatchIsExplained() throws Exception {
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR,
                "{\"id\": \"orders\", \"upstream\": \"users\"}", "W/\"1\"");

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("weak").contains("If-Match: \\\"1\\\"");
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void unquotedIfMatchIsExplained() throws Exception {
        HttpResponse<String> response = api.sendJson("POST", AdminPaths.ROUTES, Role.OPERATOR,
                "{\"id\": \"orders\", \"upstream\": \"users\"}", "1");

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("quoted").contains("If-Match: \\\"1\\\"");
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void malformedChunkedBodyGets400() throws Exception {
        String request = "POST " + AdminPaths.ROUTES + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + api.tokens.get(Role.ADMIN) + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n";

        String response = sendRaw(request);

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).contains("request body");
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void rejectionBeforeBodyClosesConnection() throws Exception {
        String body = "{\"upstreams\": []}";
        String request = "PUT " + AdminPaths.CONFIG + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        String response = sendRaw(request);

        assertThat(response).startsWith("HTTP/1.1 401 ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
        assertThat(api.revision()).isEqualTo(1);
    }

    @Test
    void rejectionAfterBodyKeepsConnection() throws Exception {
        String body = "{\"upstreams\": [], \"unknown\": 1}";
        String request = "PUT " + AdminPaths.CONFIG + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + api.tokens.get(Role.ADMIN) + "\r\nIf-Match: \"1\"\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        String response = sendRaw(request);

        assertThat(response).startsWith("HTTP/1.1 422 ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).doesNotContain("connection: close");
    }

    private String sendRaw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
        }
    }

    /** One hostile document: the endpoint, the body and a text the problem body must not contain. */
    private record HostileBody(String name, String method, String path, String contentType, String body, String secret) {}

    @Test
    void hostileDocumentsChangeNothing() throws Exception {
        String upstream = "{\"id\": \"users\", \"targets\": [{\"url\": \"http://127.0.0.1:9001\"}]}";
        List<HostileBody> cases = List.of(
                new HostileBody("fraction for a whole number", "POST", AdminPaths.ROUTES, "application/json",
                        "{\"id\": \"orders\", \"upstream\": \"users\", \"priority\": 1.5}", null),
                new HostileBody("null list item", "PUT", AdminPaths.CONFIG, "application/json",
                        "{\"upstreams\": [" + upstream + "], \"routes\": [null]}", "NullPointerException"),
                new HostileBody("null path", "POST", AdminPaths.ROUTES, "application/json",
                        "{\"id\": \"orders\", \"upstream\": \"users\", \"match\": {\"paths\": [null]}}",
                        "NullPointerException"),
                new HostileBody("YAML alias", "PUT", AdminPaths.CONFIG, "application/yaml",
                        "upstreams:\n  - id: &users other\n    targets: [{url: \"http://127.0.0.1:9001\"}]\n"
                                + "  - id: users\n    targets: [{url: \"http://127.0.0.1:9002\"}]\n"
                                + "routes:\n  - id: r\n    upstream: *users\n", null),
                new HostileBody("password in a target", "POST", AdminPaths.UPSTREAMS, "application/json",
                        "{\"id\": \"billing\", \"targets\": [{\"url\": \"http://ops:hunter2pass@127.0.0.1:9001\"}]}",
                        "hunter2pass"),
                new HostileBody("port out of range", "POST", AdminPaths.UPSTREAMS, "application/json",
                        "{\"id\": \"billing\", \"targets\": [{\"url\": \"http://127.0.0.1:70000\"}]}", null));

        for (HostileBody hostile : cases) {
            HttpResponse<String> response = api.send(api.request(hostile.path(), Role.ADMIN)
                    .header("Content-Type", hostile.contentType()).header("If-Match", "\"1\"")
                    .method(hostile.method(), HttpRequest.BodyPublishers.ofString(hostile.body())).build());

            assertThat(response.statusCode()).as(hostile.name() + ": " + response.body()).isEqualTo(422);
            assertThat(response.body()).as(hostile.name()).contains("\"field\"");
            if (hostile.secret() != null) {
                assertThat(response.body()).as(hostile.name()).doesNotContain(hostile.secret());
            }
            assertThat(api.revision()).as(hostile.name()).isEqualTo(1);
        }
        assertThat(api.dataDirectory.configStore().revisions()).hasSize(1);
    }
}
