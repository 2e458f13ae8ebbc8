package dev.tollgate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.store.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tollgate run --config FILE --data-dir DIR} in a JVM of its own, driven with an HTTP client. */
class TollgateRunCommandTest {

    private static final Pattern ADMIN_PORT = Pattern.compile("admin port on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("^(tg_[0-9a-f]{12}_[A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process child;

    @AfterEach
    void stopChild() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A started {@code tollgate run}: its admin port and what it printed. */
    private record Started(int adminPort, Path stdout, Path stderr) {}

    private Started run(String name, Path configFile, Path dataDir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stdout = temp.resolve(name + ".out");
        Path stderr = temp.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, TollgateCommand.class.getName(), "run",
                "--config", configFile.toString(), "--data-dir", dataDir.toString(),
                "--bind", "127.0.0.1", "--port", "0", "--admin-port", "0", "--access-log", "off");
        builder.environment().remove("TOLLGATE_ADMIN_TOKEN");
        builder.redirectOutput(stdout.toFile());
        builder.redirectError(stderr.toFile());
        child = builder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ADMIN_PORT.matcher(Files.readString(stderr)).find() || !child.isAlive());
        assertThat(child.isAlive()).as("tollgate run is up; its log:\n%s", Files.readString(stderr)).isTrue();
        Matcher port = ADMIN_PORT.matcher(Files.readString(stderr));
        assertThat(port.find()).isTrue();
        return new Started(Integer.parseInt(port.group(1)), stdout, stderr);
    }

    private void stop() throws Exception {
        child.destroy();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("tollgate run stops on SIGTERM").isTrue();
    }

    private HttpResponse<String> admin(Started started, String method, String path, String token, String json,
            String ifMatch) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.adminPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runServesAdminApiAcrossRestart() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Path dataDir = temp.resolve("data");
        Files.writeString(configFile, TestConfigs.usersYaml());

        Started first = run("first", configFile, dataDir);
        Matcher tokenLine = TOKEN.matcher(Files.readString(first.stdout()));
        assertThat(tokenLine.find()).as("the first admin token is printed on standard output").isTrue();
        String token = tokenLine.group(1);
        assertThat(Files.readString(first.stderr())).doesNotContain(token);

        assertThat(admin(first, "GET", AdminPaths.HEALTH, null, null, null).statusCode()).isEqualTo(200);
        assertThat(admin(first, "GET", AdminPaths.CONFIG, null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> config = admin(first, "GET", AdminPaths.CONFIG, token, null, null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("ETag")).contains("\"1\"");
        HttpResponse<String> replaced = admin(first, "PUT", AdminPaths.CONFIG, token,
                ConfigMapper.toJson(TestConfigs.withRoutes(2)), "\"1\"");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        HttpResponse<String> stream = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + first.adminPort() + AdminPaths.TRAFFIC_RECENT))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(200);
        stop();

        StringWriter createdOut = new StringWriter();
        CommandLine commandLine = TollgateCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(createdOut));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        int exit = commandLine.execute("admin-token", "create", "--role", "viewer", "--data-dir", dataDir.toString());
        assertThat(exit).isZero();
        String viewerToken = createdOut.toString().strip();

        Started second = run("second", configFile, dataDir);
        assertThat(TOKEN.matcher(Files.readString(second.stdout())).find()).as("no new token on restart").isFalse();
        HttpResponse<String> after = admin(second, "GET", AdminPaths.CONFIG, viewerToken, null, null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).contains("\"2\"");
        assertThat(ConfigMapper.parseJson(after.body())).isEqualTo(TestConfigs.withRoutes(2));
        assertThat(admin(second, "PUT", AdminPaths.CONFIG, viewerToken, "{}", "\"2\"").statusCode()).isEqualTo(403);
        List<String> actions = ConfigMapper.json().readTree(admin(second, "GET", AdminPaths.AUDIT, token, null, null).body())
                .findValuesAsText("action");
        assertThat(actions).containsExactly("token.create", "config.replace", "file.seed", "token.create");
        stop();
    }

    @Test
    void adminTokenCreateRejectsLockedDataDir() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Path dataDir = temp.resolve("data");
        Files.writeString(configFile, TestConfigs.usersYaml());
        run("locked", configFile, dataDir);

        StringWriter err = new StringWriter();
        CommandLine commandLine = TollgateCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("admin-token", "create", "--role", "admin", "--data-dir", dataDir.toString());

        assertThat(exit).isEqualTo(AdminTokenCommand.DATA_DIR_UNUSABLE);
        assertThat(err.toString()).contains("in use by another Tollgate process");
        stop();
    }

    @Test
    void corruptDataDirStopsRun() throws Exception {
        Path configFile = temp.resolve("gateway.yaml");
        Path dataDir = temp.resolve("data");
        Files.writeString(configFile, TestConfigs.usersYaml());
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("tokens.json"), "{\"tokens\": [ {\"id\": ");

        StringWriter err = new StringWriter();
        CommandLine commandLine = TollgateCommand.newCommandLine();
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("run", "--config", configFile.toString(), "--data-dir", dataDir.toString(),
                "--bind", "127.0.0.1", "--port", "0", "--admin-port", "0", "--access-log", "off");

        assertThat(exit).isEqualTo(AdminTokenCommand.DATA_DIR_UNUSABLE);
        assertThat(err.toString()).contains(dataDir.resolve("tokens.json").toString()).contains("not a token file");
    }
}
