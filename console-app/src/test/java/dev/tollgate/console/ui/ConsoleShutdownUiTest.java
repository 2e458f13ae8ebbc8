package dev.tollgate.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.FakeAdminServer;
import dev.tollgate.console.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the console's window ends its JVM: the live stream, executors and HTTP threads all stop. */
class ConsoleShutdownUiTest {

    @TempDir
    Path directory;

    @BeforeAll
    static void requireDisplay() {
        ConsoleUiTest.requireDisplay();
    }

    @Test
    void closingWindowEndsJvm() throws Exception {
        try (FakeAdminServer server = new FakeAdminServer(Fixtures.twoRoutes()).start()) {
            Path log = directory.resolve("console.log");
            String javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(javaExecutable, "--enable-native-access=ALL-UNNAMED", "-Dprism.order=sw",
                    "-Dprobe.closeAfterMillis=3000", "-Dtollgate.config.dir=" + directory.resolve("config"),
                    "-cp", System.getProperty("java.class.path"), WindowCloseProbe.class.getName(), "--url", server.url()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("TOLLGATE_TOKEN", FakeAdminServer.TOKEN);

            Process console = builder.start();
            boolean exited = console.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                console.destroyForcibly();
            }

            String output = Files.readString(log);
            assertThat(exited).as("console JVM exited after its window closed; output:%n%s", output).isTrue();
            assertThat(console.exitValue()).isZero();
            assertThat(output).contains("Connected to " + server.url(), "Console stopped");
            assertThat(output).doesNotContain(FakeAdminServer.TOKEN);
            assertThat(server.streamOpens()).isEqualTo(1);
            // The test server notices a closed stream only when it writes to it.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                server.publishMetrics(Fixtures.metrics(java.time.Instant.now(), 1, 1, 0));
                return server.openStreams() == 0;
            });
        }
    }
}
