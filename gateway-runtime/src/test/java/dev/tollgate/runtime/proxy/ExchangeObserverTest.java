package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.telemetry.ExchangeObserver;
import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every exchange reaches the observer once, including those the gateway responds to itself. */
class ExchangeObserverTest {

    static final class Recording implements ExchangeObserver {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<CompletedExchange> completed = new CopyOnWriteArrayList<>();

        @Override
        public void onExchangeStarted(String routeId) {
            started.add(String.valueOf(routeId));
        }

        @Override
        public void onExchangeCompleted(CompletedExchange exchange) {
            completed.add(exchange);
        }
    }

    private static String yaml(String goodUrl, String deadUrl) {
        return """
                upstreams:
                  - id: good
                    targets: [{ url: "%s" }]
                  - id: dead
                    targets: [{ url: "%s" }]
                    retry: { attempts: 0 }
                routes:
                  - id: ok
                    match: { paths: ["/ok/**"] }
                    upstream: good
                  - id: broken
                    match: { paths: ["/broken/**"] }
                    upstream: dead
                """.formatted(goodUrl, deadUrl);
    }

    @Test
    void everyOutcomeIsObservedOnce() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Recording observer = new Recording();
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = TestGateway.startConfigured(yaml(upstream.url(), "http://127.0.0.1:" + deadPort),
                        runtime -> runtime.setExchangeObserver(observer))) {
            RawHttp.exchange(gateway.port(), "GET /ok/1?token=t HTTP/1.1\r\nHost: gw\r\nX-Request-Id: id-ok\r\nConnection: close\r\n\r\n");
            RawHttp.exchange(gateway.port(), "GET /missing HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            RawHttp.exchange(gateway.port(), "GET /broken/1 HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            RawHttp.exchange(gateway.port(), "GET /ok/a%01b HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            RawHttp.exchange(gateway.port(), "GET /ok/2 HTTP/1.1\nHost: gw\n\n");

            await().atMost(Duration.ofSeconds(5)).until(() -> observer.completed.size() == 5);
            assertThat(observer.started).containsExactlyInAnyOrder("ok", "null", "broken", "null", "null");

            CompletedExchange ok = find(observer, "/ok/1?token=t");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.routeId()).isEqualTo("ok");
            assertThat(ok.requestId()).isEqualTo("id-ok");
            assertThat(ok.target()).isEqualTo(upstream.url());
            assertThat(ok.upstreamLatencyNanos()).isPositive();
            assertThat(ok.latencyNanos()).isGreaterThanOrEqualTo(ok.upstreamLatencyNanos());
            assertThat(ok.responseBytes()).isPositive();
            assertThat(ok.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(ok.failure()).isNull();

            assertThat(find(observer, "/missing").failure()).isEqualTo("no_route");
            assertThat(find(observer, "/missing").status()).isEqualTo(404);
            assertThat(find(observer, "/broken/1").failure()).isEqualTo("upstream_connect_failed");
            assertThat(find(observer, "/broken/1").status()).isEqualTo(502);
            // Jetty's URI checks reject an encoded control character before the gateway's normaliser would.
            assertThat(find(observer, "/ok/a%01b").status()).isEqualTo(400);
            assertThat(find(observer, "/ok/a%01b").failure()).isIn("bad_path", "bad_request");
            assertThat(observer.completed).anySatisfy(exchange -> {
                assertThat(exchange.status()).isEqualTo(400);
                assertThat(exchange.failure()).isEqualTo("bad_request");
            });
        }
    }

    private static CompletedExchange find(Recording observer, String pathAndQuery) {
        return observer.completed.stream().filter(e -> pathAndQuery.equals(e.rawPathAndQuery())).findFirst()
                .orElseThrow(() -> new AssertionError("no exchange for " + pathAndQuery + " in " + observer.completed));
    }
}
