package dev.tollgate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as {@code tollgate run --config FILE --data-dir DIR} assembles it, driven over HTTP. */
class RunningGatewayTest {

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server upstream;
    private int upstreamPort;
    private final List<RunningGateway> processes = new ArrayList<>();

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new Server();
        ServerConnector connector = new ServerConnector(upstream);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        upstream.addConnector(connector);
        upstream.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                Content.Sink.write(response, true, "upstream saw " + request.getHttpURI().getPath(), callback);
                return true;
            }
        });
        upstream.start();
        upstreamPort = connector.getLocalPort();
    }

    @AfterEach
    void stopAll() throws Exception {
        processes.forEach(RunningGateway::close);
        upstream.stop();
    }

    private String configYaml(String... routePrefixes) {
        StringBuilder yaml = new StringBuilder("upstreams:\n  - id: backend\n    targets:\n      - url: http://127.0.0.1:"
                + upstreamPort + "\nroutes:\n");
        for (String prefix : routePrefixes) {
            yaml.append("  - id: ").append(prefix).append("\n    match:\n      paths: [/").append(prefix)
                    .append("/**]\n    upstream: backend\n");
        }
        return yaml.toString();
    }

    private RunningGateway start(Path configFile, Path dataDir, List<AdminToken.CreatedAdminToken> shown) throws Exception {
        RuntimeOptions options = RuntimeOptions.forTests().withConfigFile(configFile).withDataDirectory(dataDir)
                .withAdminPort(0);
        RunningGateway process = RunningGateway.start(options, "node-e2e", null, shown::add);
        processes.add(process);
        return process;
    }

    private HttpResponse<String> data(RunningGateway process, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.runtime().dataPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(RunningGateway process, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + process.runtime().adminPort() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminChangesSurviveRestart() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Path dataDir = temp.resolve("data");
        Files.writeString(configFile, configYaml("users"));
        List<AdminToken.CreatedAdminToken> shown = new ArrayList<>();
        RunningGateway first = start(configFile, dataDir, shown);

        assertThat(shown).hasSize(1);
        String token = shown.getFirst().secret();
        assertThat(data(first, "/users/1").body()).isEqualTo("upstream saw /users/1");
        JsonNode info = ConfigMapper.json().readTree(admin(first, "GET", AdminPaths.INFO, token, null).body());
        assertThat(info.get("configRevision").asLong()).isEqualTo(1);

        HttpResponse<String> created = admin(first, "POST", AdminPaths.ROUTES, token,
                "{\"id\": \"orders\", \"match\": {\"paths\": [\"/orders/**\"]}, \"upstream\": \"backend\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(data(first, "/orders/7").body()).isEqualTo("upstream saw /orders/7");

        HttpResponse<String> deleted = admin(first, "DELETE", AdminPaths.ROUTES + "/users", token, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(data(first, "/users/1").statusCode()).isEqualTo(404);

        assertThat(admin(first, "GET", AdminPaths.METRICS, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = admin(first, "GET", AdminPaths.METRICS, token, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tollgate_config_revision 3\n");
        assertThat(metrics.body()).contains("tollgate_admin_auth_failures_total{reason=\"missing_token\"} 1\n");
        first.close();

        RunningGateway second = start(configFile, dataDir, shown);

        assertThat(shown).hasSize(1);
        assertThat(second.admin().store().current().revision()).isEqualTo(3);
        assertThat(data(second, "/orders/7").body()).isEqualTo("upstream saw /orders/7");
        assertThat(data(second, "/users/1").statusCode()).isEqualTo(404);
        assertThat(admin(second, "GET", AdminPaths.CONFIG, token, null).headers().firstValue("ETag")).contains("\"3\"");
    }

    @Test
    void fileChangeBecomesNewRevision() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Files.writeString(configFile, configYaml("users"));
        RunningGateway process = start(configFile, temp.resolve("data"), new ArrayList<>());
        assertThat(data(process, "/orders/1").statusCode()).isEqualTo(404);

        Files.writeString(configFile, configYaml("users", "orders"));
        process.runtime().reloadConfigFile();

        await().atMost(Duration.ofSeconds(10)).until(() -> process.admin().store().current().revision() == 2);
        assertThat(process.admin().store().current().summary().action()).isEqualTo("file.apply");
        assertThat(data(process, "/orders/1").body()).isEqualTo("upstream saw /orders/1");
    }

    @Test
    void fileChangeAfterApiChangeIsRejected() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Files.writeString(configFile, configYaml("users"));
        List<AdminToken.CreatedAdminToken> shown = new ArrayList<>();
        RunningGateway process = start(configFile, temp.resolve("data"), shown);
        admin(process, "POST", AdminPaths.ROUTES, shown.getFirst().secret(),
                "{\"id\": \"api\", \"match\": {\"paths\": [\"/api/**\"]}, \"upstream\": \"backend\"}");

        Files.writeString(configFile, configYaml("users", "orders"));
        process.runtime().reloadConfigFile();

        // The reload runs on the runtime's scheduler; the data dir records nothing for a rejected file.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> process.admin().store().current().revision() == 2);
        assertThat(data(process, "/api/1").statusCode()).isEqualTo(200);
        assertThat(data(process, "/orders/1").statusCode()).isEqualTo(404);
    }

    @Test
    void adminPortUsesKeystoreTls() throws Exception {
        Path keystore = temp.resolve("admin.p12");
        String password = "test-keystore-password";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "admin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        Path configFile = temp.resolve("gateway.yaml");
        Files.writeString(configFile, configYaml("users"));
        List<AdminToken.CreatedAdminToken> shown = new ArrayList<>();
        RuntimeOptions options = RuntimeOptions.forTests().withConfigFile(configFile).withDataDirectory(temp.resolve("data"))
                .withAdminPort(0).withTls(new TlsSettings(keystore, password));
        RunningGateway process = RunningGateway.start(options, "node-tls", null, shown::add);
        processes.add(process);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var input = Files.newInputStream(keystore)) {
            trusted.load(input, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient tlsClient = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        int adminPort = process.runtime().adminPort();

        HttpResponse<String> overTls = tlsClient.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + adminPort + AdminPaths.INFO))
                .header("Authorization", "Bearer " + shown.getFirst().secret()).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.body()).contains("\"nodeId\" : \"node-tls\"");
        // The server replies to a clear-text request with a TLS alert, which is no HTTP status line.
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + AdminPaths.HEALTH)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void closeEndsOpenStreamsBeforeStoppingAdminPort() throws Exception {
        Path configFile = Files.writeString(temp.resolve("gateway.yaml"), configYaml("users"));
        List<AdminToken.CreatedAdminToken> shown = new ArrayList<>();
        RunningGateway process = start(configFile, temp.resolve("data"), shown);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + process.runtime().adminPort() + AdminPaths.STREAM))
                .header("Authorization", "Bearer " + shown.getFirst().secret()).build();
        HttpResponse<java.io.InputStream> stream = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body().read()).as("the stream sends its first event").isNotNegative();

        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                dev.tollgate.runtime.telemetry.Telemetry.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            process.close();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.endsWith("ended 1 open stream"));
        assertThat(stream.body().readAllBytes()).as("the stream ends cleanly, not with a reset").isNotNull();
    }
}
