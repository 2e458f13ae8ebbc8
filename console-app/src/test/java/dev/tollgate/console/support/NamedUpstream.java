package dev.tollgate.console.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** An upstream on 127.0.0.1 that returns its own name as the body, so a test can see which one served a request. */
public final class NamedUpstream implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    public NamedUpstream(String name) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, name, callback);
                return true;
            }
        });
    }

    public NamedUpstream start() throws Exception {
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Sends {@code count} GET requests through the gateway and returns the body of the last. */
    public static String sendThrough(String gatewayUrl, String path, int count) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String body = null;
            for (int i = 0; i < count; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                body = response.statusCode() + " " + response.body();
            }
            return body;
        }
    }
}
