package dev.tollgate.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.runtime.testing.RawHttp;
import dev.tollgate.runtime.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades are proxied, and the client gets 101 only after the upstream's 101. */
class WebSocketProxyTest {

    static Server upstream;
    static int upstreamPort;
    static TestGateway gateway;

    /** Echoes every text and binary message, prefixed so the test can tell the upstream responded. */
    public static final class EchoSocket implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText("echo " + message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = new Server();
        ServerConnector connector = new ServerConnector(upstream);
        connector.setHost("127.0.0.1");
        upstream.addConnector(connector);
        upstream.setHandler(WebSocketUpgradeHandler.from(upstream, container -> {
            container.addMapping("/ws/echo", (request, response, callback) -> new EchoSocket());
            container.addMapping("/ws/slow", (request, response, callback) -> {
                Thread.sleep(800);
                return new EchoSocket();
            });
            container.addMapping("/ws/deny", (request, response, callback) -> {
                Response.writeError(request, response, callback, 403);
                return null;
            });
        }));
        upstream.start();
        upstreamPort = connector.getLocalPort();
        gateway = TestGateway.start(TestGateway.singleRoute("http://127.0.0.1:" + upstreamPort));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.stop();
    }

    @Test
    void messagesAreRelayedBothWays() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/echo"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);

        webSocket.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo hello");
        webSocket.sendText("second", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo second");

        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void rejectedUpgradeKeepsUpstreamStatus() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/deny"), new WebSocket.Listener() {})
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void clientSees101OnlyAfterUpstream101() throws Exception {
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("GET /ws/slow HTTP/1.1\r\nHost: gw.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

            assertThat(http.readAvailable(400)).as("nothing while the upstream decides").isEmpty();
            String response = http.readAvailable(2_000);
            assertThat(response).startsWith("HTTP/1.1 101 ");
            assertThat(response).contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }
    }
}
