package dev.tollgate.runtime.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A real Jetty server on 127.0.0.1 and a free port that plays the upstream in tests. */
public final class TestUpstream implements AutoCloseable {

    /** What the upstream received, for assertions: the request line target and the headers. */
    public record Received(String method, String pathQuery, org.eclipse.jetty.http.HttpFields headers) {}

    private final Server server;
    private final ServerConnector connector;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger openedConnections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();

    private TestUpstream(Handler handler) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        // Accept %2F and friends so tests see exactly what the gateway forwarded.
        config.setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                openedConnections.incrementAndGet();
            }

            @Override
            public void onClosed(Connection connection) {
                closedConnections.incrementAndGet();
            }
        });
        server.setHandler(new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                received.add(new Received(request.getMethod(), request.getHttpURI().getPathQuery(),
                        org.eclipse.jetty.http.HttpFields.build(request.getHeaders()).asImmutable()));
                return super.handle(request, response, callback);
            }
        });
        server.start();
    }

    public static TestUpstream start(Handler handler) throws Exception {
        return new TestUpstream(handler);
    }

    /**
     * Starts an upstream that responds with 200 and a text body: the request line target, then one
     * {@code lower-case-name: value} line per header.
     */
    public static TestUpstream echo() throws Exception {
        return start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                StringBuilder body = new StringBuilder();
                body.append(request.getMethod()).append(' ').append(request.getHttpURI().getPathQuery()).append('\n');
                for (HttpField field : request.getHeaders()) {
                    body.append(field.getLowerCaseName()).append(": ").append(field.getValue()).append('\n');
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
                response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Returns the next request the upstream received, waiting up to five seconds. */
    public Received takeReceived() throws InterruptedException {
        Received next = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the upstream received no request within 5 s");
        }
        return next;
    }

    /** Returns how many TCP connections the gateway opened to this upstream so far. */
    public int openedConnections() {
        return openedConnections.get();
    }

    public int closedConnections() {
        return closedConnections.get();
    }

    public int receivedCount() {
        return received.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
