package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyBasicsTest {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static TestUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = TestUpstream.echo();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    @Test
    void getIsProxiedToUpstream() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/hello?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("GET /hello?x=1\n");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        }
    }

    @Test
    void postBodyReachesUpstream() throws Exception {
        try (TestUpstream body = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        String text = org.eclipse.jetty.io.Content.Source.asString(request);
                        response.write(true, ByteBuffer.wrap(("got " + text).getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(body.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/submit"))
                    .POST(HttpRequest.BodyPublishers.ofString("order=1")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("got order=1");
        }
    }

    @Test
    void unmatchedPathGets404Problem() throws Exception {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: api
                    match: { paths: ["/api/**"] }
                    upstream: backend
                """.formatted(upstream.url());
        try (TestGateway gateway = TestGateway.start(yaml)) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/other"))
                    .header("X-Request-Id", "trace-404").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-404");
            assertThat(response.body()).contains("\"status\":404").contains("\"requestId\":\"trace-404\"");
        }
    }

    @Test
    void unmatchedHostIsNamedIn404Problem() throws Exception {
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: api
                    match: { paths: ["/api/**"], hosts: ["api.example.test"] }
                    upstream: backend
                """.formatted(upstream.url());
        try (TestGateway gateway = TestGateway.start(yaml)) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + gateway.uri("/").getPort() + "/api/orders/7")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("no route matches GET /api/orders/7 on host localhost");
        }
    }

    @Test
    void refusedConnectionGets502Problem() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute("http://127.0.0.1:" + closedPort))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/x")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(response.body()).contains("\"status\":502").contains("\"requestId\":\"" + requestId + "\"");
        }
    }

    /**
     * The upstream closes its connection after the request head while the client is still
     * uploading the body. The client must get the gateway's 502 problem, not a 400 for a malformed
     * body or Jetty's own 500, and then the connection closes because the rest of the body is unread.
     */
    @Test
    void upstreamClosingDuringUploadGets502Problem() throws Exception {
        try (ServerSocket upstreamSocket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute("http://127.0.0.1:" + upstreamSocket.getLocalPort()));
                RawHttp client = new RawHttp(gateway.port())) {
            upstreamSocket.setSoTimeout(5_000);
            client.send(partialUpload("upload-502"));

            try (Socket upstreamConnection = upstreamSocket.accept()) {
                readRequestHead(upstreamConnection);
            }
            String response = client.readAvailable(2_000);

            assertThat(response).startsWith("HTTP/1.1 502 ");
            assertThat(response).contains("Content-Type: application/problem+json");
            assertThat(response).contains("X-Request-Id: upload-502");
            assertThat(response).contains("\"requestId\":\"upload-502\"");
            assertThat(client.isClosedByPeer(1_000)).as("client connection closed").isTrue();
        }
    }

    /** The upstream reads the request head and stays silent while the client's upload stalls. */
    @Test
    void upstreamTimeoutDuringUploadGets504Problem() throws Exception {
        try (ServerSocket upstreamSocket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute("http://127.0.0.1:" + upstreamSocket.getLocalPort())
                        + "    timeouts: { responseMillis: 300 }\n");
                RawHttp client = new RawHttp(gateway.port())) {
            upstreamSocket.setSoTimeout(5_000);
            client.send(partialUpload("upload-504"));

            try (Socket upstreamConnection = upstreamSocket.accept()) {
                readRequestHead(upstreamConnection);
                String response = client.readAvailable(2_000);

                assertThat(response).startsWith("HTTP/1.1 504 ");
                assertThat(response).contains("Content-Type: application/problem+json");
                assertThat(response).contains("X-Request-Id: upload-504");
                assertThat(response).contains("\"requestId\":\"upload-504\"");
            }
        }
    }

    /** Returns a request head that declares a 1,000,000-byte body followed by only the first 1,000 bytes of it. */
    private static String partialUpload(String requestId) {
        return "POST /upload HTTP/1.1\r\nHost: gw\r\nX-Request-Id: " + requestId
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(1_000);
    }

    private static void readRequestHead(Socket upstreamConnection) throws IOException {
        upstreamConnection.setSoTimeout(5_000);
        InputStream in = upstreamConnection.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the gateway closed the upstream connection before the request head ended: " + head);
            }
            head.append((char) next);
        }
    }

    @Test
    void slowUpstreamGets504Problem() throws Exception {
        try (TestUpstream slow = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        Thread.sleep(2_000);
                        callback.succeeded();
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(slow.url())
                        + "    timeouts: { responseMillis: 200 }\n")) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).contains("\"status\":504").contains("\"requestId\":");
        }
    }

    @Test
    void validRequestIdIsKept() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/id"))
                    .header("X-Request-Id", "abc-123:x.y_z").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123:x.y_z");
            assertThat(response.body()).contains("x-request-id: abc-123:x.y_z\n");
        }
    }

    @Test
    void invalidRequestIdIsReplaced() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/id"))
                    .header("X-Request-Id", "bad id<script>").build(), HttpResponse.BodyHandlers.ofString());

            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(response.body()).contains("x-request-id: " + id + "\n").doesNotContain("script");
        }
    }

    @Test
    void tooLongRequestIdIsReplaced() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/id"))
                    .header("X-Request-Id", "a".repeat(129)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void traceparentPassesThrough() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/trace"))
                    .header("traceparent", traceparent).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).contains("traceparent: " + traceparent + "\n");
        }
    }

    @Test
    void hostHeaderIsTargetUnlessPreserved() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/h")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("host: 127.0.0.1:" + upstream.port() + "\n");
        }
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()) + "    preserveHost: true\n")) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/h")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("host: 127.0.0.1:" + gateway.port() + "\n");
        }
    }

    @Test
    void connectTimeoutGets502() throws Exception {
        // A loopback listener that never accepts, with its backlog filled, drops further SYNs on
        // Linux, so the gateway's connect neither succeeds nor is refused.
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                java.net.Socket filler1 = new java.net.Socket();
                java.net.Socket filler2 = new java.net.Socket()) {
            java.net.InetSocketAddress address = new java.net.InetSocketAddress("127.0.0.1", silent.getLocalPort());
            filler1.connect(address, 1_000);
            try {
                filler2.connect(address, 500);
            } catch (java.io.IOException expectedWhenBacklogIsFull) {
                // The backlog is full already.
            }
            String yaml = TestGateway.singleRoute("http://127.0.0.1:" + silent.getLocalPort())
                    + "    timeouts: { connectMillis: 300 }\n";
            try (TestGateway gateway = TestGateway.start(yaml)) {
                long start = System.nanoTime();
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/x"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(502);
                assertThat(response.body()).contains("cannot connect");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void headResponseKeepsContentLengthWithoutBody() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String response = dev.tollgate.runtime.testing.RawHttp.exchange(gateway.port(),
                    "HEAD /head HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 200 ").contains("Content-Length: ");
            assertThat(response).endsWith("\r\n\r\n");
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnswered() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                dev.tollgate.runtime.testing.RawHttp http = new dev.tollgate.runtime.testing.RawHttp(gateway.port())) {
            http.send("GET /one HTTP/1.1\r\nHost: gw\r\n\r\nGET /two HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            String responses = http.readAvailable(2_000);

            assertThat(responses.split("HTTP/1.1 200 ", -1)).hasSize(3);
            assertThat(responses).contains("GET /one\n").contains("GET /two\n");
        }
    }

    @Test
    void viaNamesTheGatewayHop() throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/via"))
                    .header("Via", "1.1 edge-proxy").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).contains("via: 1.1 edge-proxy, 1.1 tollgate\n");
        }
    }
}
