package dev.tollgate.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.store.DataDirectory;
import dev.tollgate.runtime.store.StoredConfig;
import dev.tollgate.runtime.store.TestConfigs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the store's JVM with SIGKILL while writes are in flight, restarts it on the same data dir,
 * and checks that every acknowledged revision is there. {@link Process#destroyForcibly()} sends
 * SIGKILL on Linux and macOS.
 */
class StoreCrashTest {

    private static final String TOKEN = "crash-test-admin-token-0123456789abcdef";
    private static final int WRITER_THREADS = 4;
    private static final int ACKS_BEFORE_KILL = 15;
    private static final int ROUNDS = 3;

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process child;

    @AfterEach
    void killChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void acknowledgedRevisionsSurviveSigkill() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();

        for (int round = 0; round < ROUNDS; round++) {
            URI base = startChild(dataDir, round);
            assertAcknowledgedPresentOverHttp(base, acknowledged);
            if (round == 0) {
                seed(base);
            }
            writeUntilKilled(base, round, acknowledged);
        }

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ROUNDS * ACKS_BEFORE_KILL);
        try (DataDirectory reopened = DataDirectory.open(dataDir, Clock.systemUTC())) {
            StoredConfig current = reopened.configStore().current();
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                StoredConfig revision = reopened.configStore().revision(ack.getValue()).orElseThrow(
                        () -> new AssertionError("acknowledged revision " + ack.getValue() + " is missing"));
                assertThat(revision.config().route(ack.getKey())).as("route %s in revision %d", ack.getKey(), ack.getValue())
                        .isPresent();
                assertThat(current.config().route(ack.getKey())).as("route %s in the current revision", ack.getKey())
                        .isPresent();
            }
            assertThat(reopened.configStore().revisions()).hasSize((int) current.revision());
        }
    }

    private URI startChild(Path dataDir, int round) throws Exception {
        Path portFile = temp.resolve("port-" + round);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, AdminServerMain.class.getName(),
                dataDir.toString(), portFile.toString());
        builder.environment().put(DataDirectory.ADMIN_TOKEN_VARIABLE, TOKEN);
        builder.redirectErrorStream(true);
        builder.redirectOutput(temp.resolve("child-" + round + ".log").toFile());
        child = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile) || !child.isAlive());
        assertThat(child.isAlive()).as("child JVM of round %d is running; see its log in %s", round, temp).isTrue();
        return URI.create("http://127.0.0.1:" + Files.readString(portFile).strip());
    }

    private void seed(URI base) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(AdminPaths.CONFIG))
                .header("Content-Type", "application/json").header("If-Match", "\"0\"")
                .PUT(HttpRequest.BodyPublishers.ofString(ConfigMapper.toJson(TestConfigs.users()))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Creates routes from several threads, recording each acknowledged one, and kills the child mid-stream. */
    private void writeUntilKilled(URI base, int round, Map<String, Long> acknowledged) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        int acknowledgedBefore = acknowledged.size();
        ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < WRITER_THREADS; thread++) {
                String prefix = "r" + round + "-t" + thread + "-";
                futures.add(writers.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String id = prefix + i;
                        String route = "{\"upstream\": \"users\", \"match\": {\"paths\": [\"/" + id + "/**\"]}}";
                        try {
                            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(AdminPaths.ROUTES + "/" + id))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(route)));
                            if (response.statusCode() == 200) {
                                acknowledged.put(id, Long.parseLong(
                                        response.headers().firstValue(AdminPaths.REVISION_HEADER).orElseThrow()));
                            }
                        } catch (IOException e) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedBefore + ACKS_BEFORE_KILL);
            child.destroyForcibly();
            killed.set(true);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private void assertAcknowledgedPresentOverHttp(URI base, Map<String, Long> acknowledged) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(AdminPaths.CONFIG)).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        GatewayConfig current = ConfigMapper.parseJson(response.body());
        for (String id : acknowledged.keySet()) {
            assertThat(current.route(id)).as("acknowledged route %s after restart", id).isPresent();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
