package dev.tollgate.console.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.ConfigDiff;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.InfoResponse;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.Problem;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.api.StreamEvents;
import dev.tollgate.model.api.StreamReset;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.diff.LineDiff;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A small admin API on 127.0.0.1 for tests. It is a real Jetty server that keeps revisions in
 * memory and follows the admin contract: bearer token, ETag and If-Match, 412 and 422 problems,
 * revisions, diff, rollback, traffic/recent and the SSE stream with ids. Unlike the runtime it lets
 * a test push stream events, refuse streams and change the config behind the console's back.
 */
public final class FakeAdminServer implements AutoCloseable {

    public static final String TOKEN = "test-admin-token-0123456789";
    /** A token with the operator role: it may change routes and upstreams, but not replace the config or roll back. */
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";
    /** Id of {@link #TOKEN}, as revisions name their author and {@code GET tokens} lists it. */
    public static final String TOKEN_ID = "test";
    public static final String TOKEN_DESCRIPTION = "console tests";
    /** Id of {@link #OPERATOR_TOKEN}; it has no description. */
    public static final String OPERATOR_TOKEN_ID = "op-1";
    private static final ObjectMapper JSON = ConfigMapper.json();

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<GatewayConfig> revisions = new CopyOnWriteArrayList<>();
    private final List<RevisionSummary> summaries = new CopyOnWriteArrayList<>();
    private final List<TrafficRecord> traffic = new CopyOnWriteArrayList<>();
    private final Map<Integer, BlockingQueue<String>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger subscriberIds = new AtomicInteger();
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicInteger streamOpens = new AtomicInteger();
    private final List<String> lastEventIdsSeen = new CopyOnWriteArrayList<>();
    private final List<String> ifMatchSeen = new CopyOnWriteArrayList<>();
    private final List<String> mutationsSeen = new CopyOnWriteArrayList<>();
    private volatile boolean streamRefused;
    private volatile List<Violation> nextPutViolations;

    public FakeAdminServer(GatewayConfig seed) {
        this(seed, 0);
    }

    /** Creates a server on a given port, for tests that bring a runtime up where the console already looks for it. */
    public FakeAdminServer(GatewayConfig seed, int port) {
        revisions.add(ConfigValidator.requireValid(seed));
        summaries.add(new RevisionSummary(1, "hash-1", Instant.now(), "file", "seed"));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                FakeAdminServer.this.handle(request, response, callback);
                return true;
            }
        });
    }

    public FakeAdminServer start() throws Exception {
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public synchronized long revision() {
        return revisions.size();
    }

    public synchronized GatewayConfig current() {
        return revisions.getLast();
    }

    /** Accepts a document as another operator would, bumping the revision and telling stream subscribers. */
    public synchronized long replaceAsAnotherOperator(GatewayConfig config) {
        return accept(ConfigValidator.requireValid(config), "other-operator", "replace");
    }

    /** Accepts a document without telling stream subscribers, as if its config event were lost. */
    public synchronized long replaceSilently(GatewayConfig config) {
        revisions.add(ConfigValidator.requireValid(config));
        long revision = revisions.size();
        summaries.add(new RevisionSummary(revision, "hash-" + revision, Instant.now(), "other-operator", "replace"));
        return revision;
    }

    public void publishMetrics(MetricsEvent event) {
        publish(StreamEvents.METRICS, ConfigMapper.toJson(event));
    }

    /** Sends the {@code reset} event a runtime sends when it cannot replay from a client's Last-Event-ID. */
    public void publishReset() {
        publish(StreamEvents.RESET, ConfigMapper.toJson(new StreamReset(Instant.now(), 1L, eventIds.get(), "test reset")));
    }

    public void addTraffic(TrafficRecord record) {
        traffic.add(record);
    }

    /**
     * Rejects the next {@code PUT config} with 422 and these violations, as a runtime rejects a
     * document that passes the shared rules but fails one of its own checks.
     */
    public void rejectNextPut(List<Violation> violations) {
        nextPutViolations = List.copyOf(violations);
    }

    /** Ends every open stream, as a restart of the runtime would. */
    public void dropStreams() {
        subscribers.values().forEach(queue -> queue.add(""));
    }

    /** While set, the stream endpoint returns 503, so clients keep backing off. */
    public void refuseStreams(boolean refuse) {
        streamRefused = refuse;
    }

    public int streamOpens() {
        return streamOpens.get();
    }

    public List<String> lastEventIdsSeen() {
        return List.copyOf(lastEventIdsSeen);
    }

    public List<String> ifMatchSeen() {
        return List.copyOf(ifMatchSeen);
    }

    /** Returns "METHOD path" of every request that tried to change the config, oldest first. */
    public List<String> mutationsSeen() {
        return List.copyOf(mutationsSeen);
    }

    public int openStreams() {
        return subscribers.size();
    }

    @Override
    public void close() throws Exception {
        dropStreams();
        server.stop();
    }

    private synchronized long accept(GatewayConfig config, String author, String action) {
        revisions.add(config);
        long revision = revisions.size();
        summaries.add(new RevisionSummary(revision, "hash-" + revision, Instant.now(), author, action));
        publish(StreamEvents.CONFIG, ConfigMapper.toJson(new ConfigEvent(Instant.now(), revision, "hash-" + revision, author, action)));
        return revision;
    }

    private void publish(String type, String data) {
        String frame = "id: " + eventIds.incrementAndGet() + "\nevent: " + type + "\ndata: " + data.replace("\n", "") + "\n\n";
        subscribers.values().forEach(queue -> queue.add(frame));
    }

    private void handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        boolean admin = ("Bearer " + TOKEN).equals(authorization);
        if (!admin && !("Bearer " + OPERATOR_TOKEN).equals(authorization)) {
            problem(response, callback, Problem.of(401, "Unauthorized", "missing or unknown admin token", "r1"));
            return;
        }
        if (!method.equals("GET")) {
            mutationsSeen.add(method + " " + path);
        }
        boolean needsAdmin = path.equals(AdminPaths.TOKENS) || (method.equals("PUT") && path.equals(AdminPaths.CONFIG))
                || (method.equals("POST") && path.startsWith(AdminPaths.CONFIG_ROLLBACK + "/"));
        if (needsAdmin && !admin) {
            problem(response, callback, Problem.of(403, "Forbidden", "this needs the admin role; the token has operator", "r7"));
            return;
        }
        if (path.equals(AdminPaths.STREAM)) {
            stream(request, response, callback);
            return;
        }
        switch (method + " " + path) {
            case "GET " + AdminPaths.INFO -> json(response, callback, 200, new InfoResponse("tollgate", "0.1.0-test", "node-a",
                    Instant.now(), 5, revision(), "hash-" + revision(), current().routes().size(), current().upstreams().size()));
            case "GET " + AdminPaths.CONFIG -> getConfig(request, response, callback, current(), revision());
            case "PUT " + AdminPaths.CONFIG -> putConfig(request, response, callback);
            case "POST " + AdminPaths.CONFIG_VALIDATE -> validate(request, response, callback);
            case "GET " + AdminPaths.CONFIG_REVISIONS -> json(response, callback, 200, summaries);
            case "GET " + AdminPaths.CONFIG_DIFF -> diff(request, response, callback);
            case "GET " + AdminPaths.ROUTES -> json(response, callback, 200, current().routes());
            case "GET " + AdminPaths.UPSTREAMS -> json(response, callback, 200, current().upstreams());
            case "GET " + AdminPaths.TOKENS -> json(response, callback, 200, List.of(
                    new AdminToken(TOKEN_ID, Role.ADMIN, TOKEN_DESCRIPTION, Instant.EPOCH, null),
                    new AdminToken(OPERATOR_TOKEN_ID, Role.OPERATOR, null, Instant.EPOCH, null)));
            case "GET " + AdminPaths.TRAFFIC_RECENT -> recentTraffic(request, response, callback);
            default -> {
                if (method.equals("GET") && path.startsWith(AdminPaths.CONFIG_REVISIONS + "/")) {
                    int revision = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                    getConfig(request, response, callback, revisions.get(revision - 1), revision);
                } else if (path.equals(AdminPaths.ROUTES) && method.equals("POST")) {
                    Route route = JSON.readValue(Content.Source.asString(request), Route.class);
                    mutate(request, response, callback, admin ? TOKEN_ID : OPERATOR_TOKEN_ID, "route.create", config -> {
                        List<Route> routes = new ArrayList<>(config.routes());
                        routes.add(route);
                        return config.withRoutes(routes);
                    }, 201, route);
                } else if (path.startsWith(AdminPaths.ROUTES + "/") && (method.equals("PUT") || method.equals("DELETE"))) {
                    String id = path.substring(AdminPaths.ROUTES.length() + 1);
                    Route route = method.equals("PUT") ? JSON.readValue(Content.Source.asString(request), Route.class) : null;
                    mutate(request, response, callback, admin ? TOKEN_ID : OPERATOR_TOKEN_ID, "route." + (route == null ? "delete" : "update"), config -> {
                        List<Route> routes = new ArrayList<>(config.routes());
                        int index = routes.indexOf(config.route(id).orElse(null));
                        if (route == null) {
                            routes.remove(index);
                        } else if (index < 0) {
                            routes.add(route);
                        } else {
                            routes.set(index, route);
                        }
                        return config.withRoutes(routes);
                    }, 200, route == null ? Map.of("id", id) : route);
                } else if (path.startsWith(AdminPaths.UPSTREAMS + "/") && method.equals("PUT")) {
                    String id = path.substring(AdminPaths.UPSTREAMS.length() + 1);
                    Upstream upstream = JSON.readValue(Content.Source.asString(request), Upstream.class);
                    mutate(request, response, callback, admin ? TOKEN_ID : OPERATOR_TOKEN_ID, "upstream.update", config -> {
                        List<Upstream> upstreams = new ArrayList<>(config.upstreams());
                        int index = upstreams.indexOf(config.upstream(id).orElse(null));
                        if (index < 0) {
                            upstreams.add(upstream);
                        } else {
                            upstreams.set(index, upstream);
                        }
                        return config.withUpstreams(upstreams);
                    }, 200, upstream);
                } else if (method.equals("POST") && path.startsWith(AdminPaths.CONFIG_ROLLBACK + "/")) {
                    int revision = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                    long created = accept(revisions.get(revision - 1), TOKEN_ID, "rollback");
                    response.getHeaders().put(HttpHeader.ETAG, AdminPaths.etag(created));
                    json(response, callback, 200, summaries.getLast());
                } else {
                    problem(response, callback, Problem.of(404, "Not Found", method + " " + path + " is not served here", "r1"));
                }
            }
        }
    }

    private void getConfig(Request request, Response response, Callback callback, GatewayConfig config, long revision) {
        response.getHeaders().put(HttpHeader.ETAG, AdminPaths.etag(revision));
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && accept.contains("yaml")) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/yaml");
            Content.Sink.write(response, true, ConfigMapper.toYaml(config), callback);
        } else {
            json(response, callback, 200, config);
        }
    }

    private synchronized void putConfig(Request request, Response response, Callback callback) throws Exception {
        String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
        ifMatchSeen.add(String.valueOf(ifMatch));
        if (ifMatch == null || !ifMatch.equals(AdminPaths.etag(revision()))) {
            problem(response, callback, Problem.of(412, "Precondition Failed", "the config changed; revision " + revision()
                    + " is current", "r2").withCurrentRevision(revision()));
            return;
        }
        List<Violation> injected = nextPutViolations;
        if (injected != null) {
            nextPutViolations = null;
            problem(response, callback, Problem.of(422, "Unprocessable Content", injected.size() + " problem(s)", "r6")
                    .withErrors(injected));
            return;
        }
        GatewayConfig config;
        try {
            config = ConfigMapper.parseJson(Content.Source.asString(request));
        } catch (InvalidConfigException e) {
            problem(response, callback, Problem.of(422, "Unprocessable Content", e.getMessage(), "r3").withErrors(e.violations()));
            return;
        }
        long revision = accept(config, TOKEN_ID, "replace");
        response.getHeaders().put(HttpHeader.ETAG, AdminPaths.etag(revision));
        json(response, callback, 200, config);
    }

    /** Applies one route or upstream change with the same If-Match, 412 and 422 rules as {@code PUT config}. */
    private synchronized void mutate(Request request, Response response, Callback callback, String author, String action,
            UnaryOperator<GatewayConfig> change, int status, Object body) {
        String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
        ifMatchSeen.add(String.valueOf(ifMatch));
        if (ifMatch != null && !ifMatch.equals(AdminPaths.etag(revision()))) {
            problem(response, callback, Problem.of(412, "Precondition Failed", "the config changed; revision " + revision()
                    + " is current", "r2").withCurrentRevision(revision()));
            return;
        }
        List<Violation> injected = nextPutViolations;
        if (injected != null) {
            nextPutViolations = null;
            problem(response, callback, Problem.of(422, "Unprocessable Content", injected.size() + " problem(s)", "r6")
                    .withErrors(injected));
            return;
        }
        GatewayConfig changed = change.apply(current());
        List<Violation> violations = ConfigValidator.validate(changed);
        if (!violations.isEmpty()) {
            problem(response, callback, Problem.of(422, "Unprocessable Content", violations.size() + " problem(s)", "r3")
                    .withErrors(violations));
            return;
        }
        long revision = accept(changed, author, action);
        response.getHeaders().put(HttpHeader.ETAG, AdminPaths.etag(revision));
        json(response, callback, status, body);
    }

    private void validate(Request request, Response response, Callback callback) throws Exception {
        try {
            ConfigMapper.parseJson(Content.Source.asString(request));
            json(response, callback, 200, Map.of("valid", true));
        } catch (InvalidConfigException e) {
            problem(response, callback, Problem.of(422, "Unprocessable Content", e.getMessage(), "r4").withErrors(e.violations()));
        }
    }

    private void diff(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        int from = Integer.parseInt(query.getValue("from"));
        int to = Integer.parseInt(query.getValue("to"));
        String unified = LineDiff.unified(ConfigMapper.toYaml(revisions.get(from - 1)), ConfigMapper.toYaml(revisions.get(to - 1)),
                "revision " + from, "revision " + to);
        json(response, callback, 200, new ConfigDiff(from, to, unified, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    private void recentTraffic(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String route = query.getValue("route");
        String consumer = query.getValue("consumer");
        String status = query.getValue("status");
        List<TrafficRecord> matching = new ArrayList<>();
        for (TrafficRecord record : traffic) {
            if ((route == null || route.equals(record.routeId())) && (consumer == null || consumer.equals(record.consumerId()))
                    && (status == null || statusMatches(status, record.status()))) {
                matching.add(record);
            }
        }
        json(response, callback, 200, matching);
    }

    private static boolean statusMatches(String filter, int status) {
        return filter.endsWith("xx") ? status / 100 == filter.charAt(0) - '0' : Integer.parseInt(filter) == status;
    }

    private void stream(Request request, Response response, Callback callback) {
        streamOpens.incrementAndGet();
        lastEventIdsSeen.add(String.valueOf(request.getHeaders().get("Last-Event-ID")));
        if (streamRefused) {
            problem(response, callback, Problem.of(503, "Service Unavailable", "stream refused for the test", "r5"));
            return;
        }
        int id = subscriberIds.incrementAndGet();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        subscribers.put(id, queue);
        try {
            Content.Sink.write(response, false, ByteBuffer.wrap(": open\n\n".getBytes(StandardCharsets.UTF_8)));
            while (server.isRunning()) {
                String frame = queue.poll(200, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                if (frame.isEmpty()) {
                    break;
                }
                Content.Sink.write(response, false, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
            }
            subscribers.remove(id);
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
            callback.succeeded();
        } catch (Exception e) {
            subscribers.remove(id);
            callback.failed(e);
        }
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, ConfigMapper.toJson(body), callback);
    }

    private static void problem(Response response, Callback callback, Problem problem) {
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        Content.Sink.write(response, true, ConfigMapper.toJson(problem), callback);
    }

    /** Returns the violations a document would get, for assertions. */
    public static List<Violation> violationsOf(GatewayConfig config) {
        return ConfigValidator.validate(config);
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
