package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.api.AdminPaths;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A Jetty server on 127.0.0.1 and an ephemeral port that routes the telemetry paths to the endpoints, as the admin handler does. */
final class TelemetryServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    TelemetryServer(TelemetryEndpoints endpoints) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                switch (request.getHttpURI().getPath()) {
                    case AdminPaths.METRICS -> endpoints.handleMetrics(request, response, callback);
                    case AdminPaths.STREAM -> endpoints.handleStream(request, response, callback);
                    case AdminPaths.TRAFFIC_RECENT -> endpoints.handleRecentTraffic(request, response, callback);
                    default -> {
                        return false;
                    }
                }
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
