package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Gateway→upstream connections are pooled, kept alive, bounded and closed when idle. */
class ConnectionPoolTest {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void keepAliveConnectionIsReused() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()))) {
            String first = RawHttp.exchange(gateway.port(), "GET /1 HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            String second = RawHttp.exchange(gateway.port(), "GET /2 HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");

            assertThat(first).startsWith("HTTP/1.1 200 ");
            assertThat(second).startsWith("HTTP/1.1 200 ");
            assertThat(upstream.openedConnections()).as("both requests used one upstream connection").isEqualTo(1);
        }
    }

    /**
     * The client sends its next request as soon as the previous response ends. The gateway must
     * not handle it before the upstream connection of the previous exchange is back in the pool,
     * or it opens a second upstream connection.
     */
    @Test
    void backToBackRequestsReuseOneUpstreamConnection() throws Exception {
        assertBackToBackRequestsUseOneConnection(lengthDelimitedUpstream());
    }

    @Test
    void chunkedResponsesReuseOneUpstreamConnection() throws Exception {
        assertBackToBackRequestsUseOneConnection(chunkedUpstream());
    }

    private static void assertBackToBackRequestsUseOneConnection(Handler upstreamHandler) throws Exception {
        int requestCount = 200;
        try (TestUpstream upstream = TestUpstream.start(upstreamHandler);
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url()));
                RawHttp client = new RawHttp(gateway.port())) {
            for (int i = 0; i < requestCount; i++) {
                String response = client.send("GET /" + i + " HTTP/1.1\r\nHost: gw\r\n\r\n").readResponse();

                assertThat(response).as("response %d", i).startsWith("HTTP/1.1 200 ");
                assertThat(upstream.openedConnections()).as("upstream connections after request %d", i).isEqualTo(1);
            }
        }
    }

    private static Handler lengthDelimitedUpstream() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 2);
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        };
    }

    /** Writes the body in two writes without a length, so Jetty sends it chunked. */
    private static Handler chunkedUpstream() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(false, ByteBuffer.wrap("o".getBytes(StandardCharsets.US_ASCII)), Callback.from(
                        () -> response.write(true, ByteBuffer.wrap("k".getBytes(StandardCharsets.US_ASCII)), callback),
                        callback::failed));
                return true;
            }
        };
    }

    @Test
    void poolSizeBoundsConcurrentUpstreamRequests() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream upstream = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        release.await(10, TimeUnit.SECONDS);
                        concurrent.decrementAndGet();
                        response.write(true, ByteBuffer.wrap("ok".getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url())
                        .replace("    targets:", "    maxConnectionsPerTarget: 1\n    targets:"))) {
            CompletableFuture<HttpResponse<String>> first = CLIENT.sendAsync(HttpRequest.newBuilder(gateway.uri("/a")).build(),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = CLIENT.sendAsync(HttpRequest.newBuilder(gateway.uri("/b")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5)).until(() -> concurrent.get() == 1);

            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(maxConcurrent).hasValue(1);
            assertThat(upstream.openedConnections()).isEqualTo(1);
        }
    }

    @Test
    void idleConnectionIsClosedAfterUpstreamIdleTimeout() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(TestGateway.singleRoute(upstream.url())
                        .replace("    targets:", "    idleTimeoutMillis: 300\n    targets:"))) {
            assertThat(RawHttp.exchange(gateway.port(), "GET /1 HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 ");

            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.closedConnections() == 1);
        }
    }
}
