package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.Role;
import dev.tollgate.runtime.store.DataDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real admin API on 127.0.0.1 over a data dir in a temporary folder, with one token per role. */
final class AdminApiFixture implements AutoCloseable {

    final DataDirectory dataDirectory;
    final AuthFailureMonitor authFailures;
    final AdminApiHandler handler;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final List<String> recordedFailureReasons = new ArrayList<>();
    private final Server server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    AdminApiFixture(Path dataDir, Clock clock, List<DelegatedEndpoint> delegated) throws Exception {
        dataDirectory = DataDirectory.open(dataDir, clock);
        for (Role role : Role.values()) {
            tokens.put(role, dataDirectory.tokenStore().create(role, role.wireName() + " for tests").secret());
        }
        authFailures = new AuthFailureMonitor(clock, reason -> {
            synchronized (recordedFailureReasons) {
                recordedFailureReasons.add(reason);
            }
        });
        handler = new AdminApiHandler(dataDirectory.configStore(), dataDirectory.tokenStore(), authFailures,
                AdminApiSettings.defaults("node-test", clock), delegated);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    AdminApiFixture(Path dataDir, Clock clock) throws Exception {
        this(dataDir, clock, List.of());
    }

    /** The admin port, for tests that write raw HTTP/1.1. */
    int port() {
        return base.getPort();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    HttpRequest.Builder request(String path, Role role) {
        return request(path).header("Authorization", "Bearer " + tokens.get(role));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, Role role) throws IOException, InterruptedException {
        return send(request(path, role).GET().build());
    }

    HttpResponse<String> sendJson(String method, String path, Role role, String json, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path, role).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder.build());
    }

    long revision() {
        return dataDirectory.configStore().current().revision();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            dataDirectory.close();
        }
    }
}
