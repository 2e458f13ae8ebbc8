package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.runtime.testing.TestGateway;
import dev.tollgate.runtime.testing.TestUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Slow-request (slowloris) and connection-flood limits of the data and admin ports. */
class SlowClientTest {

    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(400);
    /** Far above the 1.25 × timeout the gateway allows, so a slow test machine does not fail the test. */
    private static final int CLOSE_BOUND_MILLIS = 10_000;

    private static TestGateway start(TestUpstream upstream, ConnectionLimits limits) throws Exception {
        return TestGateway.start(TestGateway.singleRoute(upstream.url()),
                options -> options.withAdminPort(0).withConnectionLimits(limits));
    }

    @Test
    void slowHeadIsClosedOnTheDataPort() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = start(upstream, ConnectionLimits.DEFAULTS.withRequestHeadTimeout(HEAD_TIMEOUT))) {
            assertThat(closesWhileSendingHeadersSlowly(gateway.port())).isTrue();
        }
    }

    @Test
    void slowHeadIsClosedOnTheAdminPort() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = start(upstream, ConnectionLimits.DEFAULTS.withRequestHeadTimeout(HEAD_TIMEOUT))) {
            assertThat(closesWhileSendingHeadersSlowly(gateway.runtime().adminPort())).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionOutlivesHeadTimeout() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = start(upstream, ConnectionLimits.DEFAULTS.withRequestHeadTimeout(HEAD_TIMEOUT));
                Socket socket = connect(gateway.port())) {
            String request = "GET /first HTTP/1.1\r\nHost: gw\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200 ");

            // Waiting between requests is the idle timeout's business, not the head timeout's.
            Thread.sleep(HEAD_TIMEOUT.toMillis() * 3);

            socket.getOutputStream().write("GET /second HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void upgradedConnectionOutlivesHeadTimeout() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = start(upstream, ConnectionLimits.DEFAULTS.withRequestHeadTimeout(HEAD_TIMEOUT));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(gateway.uri("/first")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);

            Thread.sleep(HEAD_TIMEOUT.toMillis() * 3);

            HttpResponse<String> second = client.send(HttpRequest.newBuilder(gateway.uri("/second")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void connectionsOverTheLimitWaitForAFreeSlot() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo();
                TestGateway gateway = start(upstream, ConnectionLimits.DEFAULTS.withMaxDataConnections(2));
                Socket first = connect(gateway.port());
                Socket second = connect(gateway.port());
                Socket third = connect(gateway.port())) {
            assertThat(exchange(first, "/one")).startsWith("HTTP/1.1 200 ");
            assertThat(exchange(second, "/two")).startsWith("HTTP/1.1 200 ");

            third.setSoTimeout(500);
            third.getOutputStream().write("GET /three HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readHeadOrTimeout(third.getInputStream())).isNull();

            first.close();
            third.setSoTimeout(CLOSE_BOUND_MILLIS);
            assertThat(readHead(third.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(CLOSE_BOUND_MILLIS);
        return socket;
    }

    private static String exchange(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return readHead(socket.getInputStream());
    }

    /**
     * Sends a request line and then one header line every 50 ms, and returns true when the gateway
     * closes the connection within {@link #CLOSE_BOUND_MILLIS}. A read timeout fails the test.
     */
    private static boolean closesWhileSendingHeadersSlowly(int port) throws Exception {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; sending.get(); i++) {
                        Thread.sleep(50);
                        out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException | InterruptedException closed) {
                    // The gateway closed the connection, or the test is over.
                }
            });
            try {
                return readUntilClosed(socket.getInputStream());
            } finally {
                sending.set(false);
                sender.join();
            }
        }
    }

    /** Returns true at end of stream or a reset; a read timeout propagates. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // Discard anything the gateway sends before closing.
            }
            return true;
        } catch (SocketTimeoutException timeout) {
            throw timeout;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        int length = contentLength(head.toString());
        in.readNBytes(length);
        return head.toString();
    }

    private static String readHeadOrTimeout(InputStream in) throws IOException {
        try {
            return readHead(in);
        } catch (SocketTimeoutException timeout) {
            return null;
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }
}
