package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The config file is reloaded when it changes; invalid documents leave the old config serving. */
class HotReloadTest {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String routeDocument(String upstreamUrl, String path) {
        return """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                routes:
                  - id: only
                    match: { paths: ["%s/**"] }
                    upstream: backend
                """.formatted(upstreamUrl, path);
    }

    private static int status(TestGateway gateway, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(gateway.uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void changedFileSwapsRoutes() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(routeDocument(upstream.url(), "/old"))) {
            assertThat(status(gateway, "/old/x")).isEqualTo(200);

            gateway.rewriteConfig(routeDocument(upstream.url(), "/new"));

            await().atMost(Duration.ofSeconds(10)).until(() -> status(gateway, "/new/x") == 200);
            assertThat(status(gateway, "/old/x")).isEqualTo(404);
            assertThat(gateway.runtime().applier().get().revision()).isEqualTo(2);
        }
    }

    @Test
    void invalidFileKeepsOldConfigServing() throws Exception {
        Semaphore handled = new Semaphore(0);
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.startConfigured(routeDocument(upstream.url(), "/old"),
                        runtime -> runtime.setConfigFileListener((file, document) -> {
                            try {
                                runtime.applyConfigFile(file, document);
                            } finally {
                                handled.release();
                            }
                        }))) {
            gateway.rewriteConfig(routeDocument(upstream.url(), "/new").replace("upstream: backend", "upstream: billing"));

            assertThat(handled.tryAcquire(10, TimeUnit.SECONDS)).as("the changed file was read").isTrue();
            assertThat(gateway.runtime().applier().get().revision()).isEqualTo(1);
            assertThat(status(gateway, "/old/x")).isEqualTo(200);
            assertThat(status(gateway, "/new/x")).isEqualTo(404);

            gateway.rewriteConfig(routeDocument(upstream.url(), "/new"));
            assertThat(handled.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            assertThat(status(gateway, "/new/x")).isEqualTo(200);
        }
    }

    @Test
    void unchangedContentIsNotReapplied() throws Exception {
        Semaphore handled = new Semaphore(0);
        try (TestUpstream upstream = TestUpstream.echo()) {
            String document = routeDocument(upstream.url(), "/same");
            try (TestGateway gateway = TestGateway.startConfigured(document, runtime -> runtime.setConfigFileListener((file, text) -> {
                runtime.applyConfigFile(file, text);
                handled.release();
            }))) {
                gateway.rewriteConfig(document);
                gateway.rewriteConfig(document + "\n# a comment changes the content\n");

                assertThat(handled.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
                assertThat(gateway.runtime().applier().get().revision()).isEqualTo(2);
            }
        }
    }

    @Test
    void inFlightRequestFinishesOnItsSnapshot() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.start(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        arrived.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        response.write(true, ByteBuffer.wrap("finished".getBytes()), callback);
                        return true;
                    }
                });
                TestGateway gateway = TestGateway.start(routeDocument(slow.url(), "/old"))) {
            CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(
                    HttpRequest.newBuilder(gateway.uri("/old/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            gateway.rewriteConfig(routeDocument(slow.url(), "/new"));
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.runtime().applier().get().revision() == 2);
            assertThat(status(gateway, "/old/other")).isEqualTo(404);

            release.countDown();
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finished");
        }
    }

    @Test
    void reloadRequestAppliesFileWithoutChange() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(routeDocument(upstream.url(), "/a"))) {
            gateway.runtime().reloadConfigFile();

            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.runtime().applier().get().revision() == 2);
            assertThat(status(gateway, "/a/x")).isEqualTo(200);
        }
    }
}
