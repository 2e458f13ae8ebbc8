package dev.tollgate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.GatewayProcess;
import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate run} serves the sample document to plain HTTP clients, in its own JVM. */
class RunCommandTest {

    private static String get(int port, String target, String host) throws Exception {
        return RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: curl/8.0\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void sampleDocumentServesTraffic(@TempDir Path directory) throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            // Only the target port differs from the sample: 9001 may be taken on a shared machine.
            String document = ValidateCommandTest.SAMPLE.replace("http://127.0.0.1:9001", echo.url());
            Path config = Files.writeString(directory.resolve("gateway.yaml"), document);

            try (GatewayProcess gateway = GatewayProcess.start(config, "128m")) {
                int port = gateway.awaitDataPort(30_000);

                String publicResponse = get(port, "/public/hello?token=s3cr3t&page=2", "anything.test");
                assertThat(publicResponse).startsWith("HTTP/1.1 200 ");
                assertThat(body(publicResponse)).startsWith("GET /public/hello?token=s3cr3t&page=2\n");

                String orders = get(port, "/api/orders/7?expand=items", "api.example.test");
                assertThat(orders).startsWith("HTTP/1.1 200 ");
                assertThat(body(orders)).startsWith("GET /orders/7?expand=items\n");

                assertThat(get(port, "/api/orders/7", "other.example.test")).startsWith("HTTP/1.1 404 ");
                String delete = RawHttp.exchange(port,
                        "DELETE /api/orders/7 HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n");
                assertThat(delete).startsWith("HTTP/1.1 404 ");

                assertThat(gateway.awaitStderr("Serving config revision 1", 5_000)).isTrue();
                waitForAccessLogLines(gateway, 4);
                assertThat(gateway.stdout()).anySatisfy(line -> assertThat(line)
                        .startsWith("{\"time\":\"")
                        .contains("\"route\":\"public\"")
                        .contains("\"path\":\"/public/hello?token=REDACTED&page=2\"")
                        .contains("\"status\":200")
                        .contains("\"target\":\"" + echo.url() + "\"")
                        .doesNotContain("s3cr3t")
                        .doesNotContain("curl/8.0"));
                assertThat(gateway.stdout()).anySatisfy(line -> assertThat(line)
                        .contains("\"route\":null").contains("\"status\":404").contains("\"failure\":\"no_route\""));
            }
        }
    }

    @Test
    void sighupReloadsTheConfigFile(@TempDir Path directory) throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            Path config = Files.writeString(directory.resolve("gateway.yaml"),
                    ValidateCommandTest.SAMPLE.replace("http://127.0.0.1:9001", echo.url()));

            try (GatewayProcess gateway = GatewayProcess.start(config, "128m", "--access-log", "off")) {
                gateway.awaitDataPort(30_000);
                assertThat(gateway.awaitStderr("SIGHUP reloads", 5_000)).isTrue();

                gateway.sendSighup();

                assertThat(gateway.awaitStderr("Serving config revision 2", 10_000))
                        .as("stderr:%n%s", String.join("\n", gateway.stderr())).isTrue();
                assertThat(gateway.isAlive()).isTrue();
            }
        }
    }

    @Test
    void invalidConfigExitsWithViolations(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("gateway.yaml"),
                ValidateCommandTest.SAMPLE.replace("upstream: echo\n    rewrite", "upstream: billing\n    rewrite"));

        try (GatewayProcess gateway = GatewayProcess.start(config, "128m")) {
            assertThat(gateway.awaitStderr("routes[1].upstream: unknown upstream \"billing\"", 30_000))
                    .as("stderr:%n%s", String.join("\n", gateway.stderr())).isTrue();
            assertThat(gateway.awaitExit(10_000)).isEqualTo(1);
        }
    }

    private static void waitForAccessLogLines(GatewayProcess gateway, int count) throws InterruptedException {
        for (int i = 0; i < 100 && gateway.stdout().size() < count; i++) {
            Thread.sleep(50);
        }
    }
}
