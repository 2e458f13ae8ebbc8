package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.telemetry.ExchangeObserver;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Retries, passive ejection and circuit breakers, observed through the proxy. */
class RetryAndHealthTest {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestUpstream failingUpstream(int status, AtomicInteger hits) throws Exception {
        return TestUpstream.start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                hits.incrementAndGet();
                response.setStatus(status);
                response.write(true, ByteBuffer.wrap(("failing " + status).getBytes()), callback);
                return true;
            }
        });
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String twoTargets(String first, String second, String upstreamExtras) {
        return """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }, { url: "%s" }]
                %s
                routes:
                  - id: all
                    match: { paths: ["/**"] }
                    upstream: backend
                """.formatted(first, second, upstreamExtras);
    }

    private static HttpResponse<String> send(TestGateway gateway, String method) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("POST")
                ? HttpRequest.BodyPublishers.ofString("data")
                : HttpRequest.BodyPublishers.noBody();
        return CLIENT.send(HttpRequest.newBuilder(gateway.uri("/r")).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void idempotentRequestIsRetriedOnAnotherTarget() throws Exception {
        List<CompletedExchange> completed = new CopyOnWriteArrayList<>();
        ExchangeObserver observer = new ExchangeObserver() {
            @Override
            public void onExchangeStarted(String routeId) {}

            @Override
            public void onExchangeCompleted(CompletedExchange exchange) {
                completed.add(exchange);
            }
        };
        try (TestUpstream good = TestUpstream.echo();
                TestGateway gateway = TestGateway.startConfigured(twoTargets("http://127.0.0.1:" + closedPort(), good.url(),
                        "    retry: { attempts: 1, backoffMillis: 1 }"), runtime -> runtime.setExchangeObserver(observer))) {
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = send(gateway, "GET");
                assertThat(response.statusCode()).as("GET %d", i).isEqualTo(200);
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> completed.size() == 6);
            assertThat(completed).allSatisfy(exchange -> {
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(exchange.failure()).as("a successful retry leaves no failure").isNull();
                assertThat(exchange.target()).isEqualTo(good.url());
            });
        }
    }

    @Test
    void retryableStatusRetriedOnlyForGet() throws Exception {
        AtomicInteger failingHits = new AtomicInteger();
        try (TestUpstream failing = failingUpstream(503, failingHits);
                TestUpstream good = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(twoTargets(failing.url(), good.url(),
                        "    retry: { attempts: 1, backoffMillis: 1 }\n    passiveHealth: { consecutiveFailures: 1000 }"))) {
            for (int i = 0; i < 4; i++) {
                assertThat(send(gateway, "GET").statusCode()).as("GET %d", i).isEqualTo(200);
            }

            List<Integer> postStatuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                postStatuses.add(send(gateway, "POST").statusCode());
            }
            assertThat(postStatuses).as("POST is never retried, so the failing target's 503 reaches the client")
                    .contains(503, 200);
        }
    }

    @Test
    void nonIdempotentConnectFailureIsNotRetried() throws Exception {
        try (TestUpstream good = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(twoTargets("http://127.0.0.1:" + closedPort(), good.url(),
                        "    retry: { attempts: 1, backoffMillis: 1 }\n    passiveHealth: { consecutiveFailures: 1000 }"))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(send(gateway, "POST").statusCode());
            }
            assertThat(statuses).contains(502, 200);
        }
    }

    @Test
    void failingTargetIsEjectedAfterConsecutiveFailures() throws Exception {
        AtomicInteger failingHits = new AtomicInteger();
        try (TestUpstream failing = failingUpstream(500, failingHits);
                TestUpstream good = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(twoTargets(failing.url(), good.url(),
                        "    retry: { attempts: 0 }\n    passiveHealth: { consecutiveFailures: 2, cooldownMillis: 600000 }"))) {
            for (int i = 0; i < 12; i++) {
                send(gateway, "GET");
            }

            assertThat(failingHits).as("the failing target gets no traffic after its second failure").hasValue(2);
            for (int i = 0; i < 4; i++) {
                assertThat(send(gateway, "GET").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void openBreakerStopsTrafficToTheOnlyTarget() throws Exception {
        AtomicInteger failingHits = new AtomicInteger();
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                    retry: { attempts: 0 }
                    circuitBreaker: { failureThreshold: 2, openMillis: 600000 }
                routes:
                  - id: all
                    match: { paths: ["/**"] }
                    upstream: backend
                """;
        try (TestUpstream failing = failingUpstream(500, failingHits);
                TestGateway gateway = TestGateway.start(yaml.formatted(failing.url()))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(send(gateway, "GET").statusCode());
            }

            assertThat(statuses).containsExactly(500, 500, 503, 503, 503);
            assertThat(failingHits).hasValue(2);
            HttpResponse<String> rejected = send(gateway, "GET");
            assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void activeHealthCheckTakesFailingTargetOut() throws Exception {
        AtomicInteger sickTraffic = new AtomicInteger();
        try (TestUpstream sick = TestUpstream.start(new Handler.Abstract.NonBlocking() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        if (request.getHttpURI().getPath().equals("/healthz")) {
                            response.setStatus(503);
                        } else {
                            sickTraffic.incrementAndGet();
                        }
                        response.write(true, ByteBuffer.wrap("sick".getBytes()), callback);
                        return true;
                    }
                });
                TestUpstream healthy = TestUpstream.echo();
                TestGateway gateway = TestGateway.start(twoTargets(sick.url(), healthy.url(),
                        "    retry: { attempts: 0 }\n"
                                + "    healthCheck: { path: /healthz, intervalMillis: 100, timeoutMillis: 1000, unhealthyThreshold: 1 }"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int before = sickTraffic.get();
                for (int i = 0; i < 4; i++) {
                    send(gateway, "GET");
                }
                return sickTraffic.get() == before;
            });

            for (int i = 0; i < 6; i++) {
                assertThat(send(gateway, "GET").body()).startsWith("GET /r\n");
            }
        }
    }

    @Test
    void onlyTargetStatusReachesClientUnchanged() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        String yaml = """
                upstreams:
                  - id: backend
                    targets: [{ url: "%s" }]
                    retry: { attempts: 2, backoffMillis: 1 }
                    passiveHealth: { consecutiveFailures: 1000 }
                routes:
                  - id: all
                    match: { paths: ["/**"] }
                    upstream: backend
                """;
        try (TestUpstream unavailable = failingUpstream(503, hits);
                TestGateway gateway = TestGateway.start(yaml.formatted(unavailable.url()))) {
            HttpResponse<String> response = send(gateway, "GET");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("failing 503");
            assertThat(hits).hasValue(1);
        }
    }
}
