package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.GatewayProcess;
import dev.tollgate.runtime.testing.TestUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload and a 1 GiB download pass through a gateway whose JVM has a 96 MiB heap, so the
 * gateway cannot be holding a body in memory.
 */
class StreamingTest {

    private static final long ONE_GIB = 1L << 30;
    private static final int BLOCK = 64 * 1024;
    private static final String GATEWAY_HEAP = "96m";

    /** Counts uploaded bytes and streams {@link #ONE_GIB} bytes for downloads. */
    private static TestUpstream bulkUpstream() throws Exception {
        return TestUpstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getHttpURI().getPath().equals("/upload")) {
                    long received = 0;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        byte[] buffer = new byte[BLOCK];
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            received += read;
                        }
                    }
                    response.write(true, ByteBuffer.wrap(Long.toString(received).getBytes()), callback);
                    return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, ONE_GIB);
                byte[] block = new byte[BLOCK];
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    for (long sent = 0; sent < ONE_GIB; sent += BLOCK) {
                        out.write(block);
                    }
                }
                callback.succeeded();
                return true;
            }
        });
    }

    /** Returns an input stream of {@code length} zero bytes that never buffers more than one block. */
    private static InputStream zeros(long length) {
        return new InputStream() {
            private long remaining = length;

            @Override
            public int read() {
                if (remaining == 0) {
                    return -1;
                }
                remaining--;
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(count, remaining);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                remaining -= n;
                return n;
            }
        };
    }

    @Test
    void oneGibibyteStreamsBothWaysWithSmallHeap(@TempDir Path directory) throws Exception {
        try (TestUpstream upstream = bulkUpstream()) {
            Path config = Files.writeString(directory.resolve("gateway.yaml"), """
                    upstreams:
                      - id: bulk
                        targets: [{ url: "%s" }]
                    routes:
                      - id: bulk
                        match: { paths: ["/**"] }
                        upstream: bulk
                        timeouts: { responseMillis: 600000 }
                    """.formatted(upstream.url()));

            try (GatewayProcess gateway = GatewayProcess.start(config, GATEWAY_HEAP, "--access-log", "off")) {
                int port = gateway.awaitDataPort(30_000);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();

                HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(ONE_GIB))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(upload.statusCode()).isEqualTo(200);
                assertThat(upload.body()).isEqualTo(Long.toString(ONE_GIB));

                HttpResponse<InputStream> download = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/download")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(download.statusCode()).isEqualTo(200);
                long received = 0;
                try (InputStream in = download.body()) {
                    byte[] buffer = new byte[BLOCK];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        received += read;
                    }
                }
                assertThat(received).isEqualTo(ONE_GIB);

                assertThat(gateway.isAlive()).isTrue();
                assertThat(gateway.stderr()).noneMatch(line -> line.contains("OutOfMemoryError"));
            }
        }
    }
}
