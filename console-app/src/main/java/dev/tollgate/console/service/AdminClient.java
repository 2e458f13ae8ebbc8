package dev.tollgate.console.service;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.ConfigDiff;
import dev.tollgate.model.api.InfoResponse;
import dev.tollgate.model.api.Problem;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.Violation;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking client for one runtime's admin API. Every method does network I/O, so callers run it on
 * a background executor, never on the FX application thread. Errors with a status come back as
 * {@link AdminApiException}; transport failures as {@link IOException}.
 */
public final class AdminClient {

    public static final MediaType JSON = MediaType.get("application/json");
    public static final String YAML = "application/yaml";

    private static final Logger LOG = LoggerFactory.getLogger(AdminClient.class);
    private static final ObjectMapper MAPPER = ConfigMapper.json();

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String token;

    public AdminClient(OkHttpClient http, ConnectionProfile profile) {
        this.http = http;
        HttpUrl parsed = HttpUrl.parse(profile.url().trim());
        if (parsed == null) {
            throw new IllegalArgumentException("profile \"" + profile.name() + "\": \"" + profile.url() + "\" is not an http(s) URL");
        }
        this.base = parsed;
        this.token = profile.token();
    }

    public HttpUrl baseUrl() {
        return base;
    }

    public InfoResponse info() throws IOException, AdminApiException {
        return get(AdminPaths.INFO, MAPPER.constructType(InfoResponse.class));
    }

    /** Fetches the serving document and the revision its ETag names. */
    public Versioned<GatewayConfig> config() throws IOException, AdminApiException {
        return getVersioned(AdminPaths.CONFIG);
    }

    /** Fetches the serving document as the runtime writes it in YAML. */
    public String configYaml() throws IOException, AdminApiException {
        Request request = authorized(url(AdminPaths.CONFIG)).header("Accept", YAML).get().build();
        try (Response response = execute(request)) {
            return bodyText(response);
        }
    }

    /** Replaces the whole document if the runtime still serves {@code expectedRevision}; else 412. */
    public Versioned<GatewayConfig> replaceConfig(GatewayConfig config, long expectedRevision)
            throws IOException, AdminApiException {
        Request request = authorized(url(AdminPaths.CONFIG))
                .header("If-Match", AdminPaths.etag(expectedRevision))
                .put(jsonBody(config))
                .build();
        try (Response response = execute(request)) {
            long revision = revisionOf(response).orElse(-1);
            bodyText(response);
            if (revision < 0) {
                return config();
            }
            return new Versioned<>(config, revision);
        }
    }

    /**
     * Replaces (or adds) the route with {@code route.id()} if the runtime still serves
     * {@code expectedRevision}, else 412. Unlike {@link #replaceConfig} the operator role may call it.
     *
     * @return the revision the change created
     */
    public long replaceRoute(Route route, long expectedRevision) throws IOException, AdminApiException {
        return mutate(itemUrl(AdminPaths.ROUTES, route.id()), "PUT", jsonBody(route), expectedRevision);
    }

    /** Adds a route (409 when its id exists) if the runtime still serves {@code expectedRevision}, and returns the new revision. */
    public long createRoute(Route route, long expectedRevision) throws IOException, AdminApiException {
        return mutate(url(AdminPaths.ROUTES), "POST", jsonBody(route), expectedRevision);
    }

    /** Removes a route if the runtime still serves {@code expectedRevision}, and returns the new revision. */
    public long deleteRoute(String routeId, long expectedRevision) throws IOException, AdminApiException {
        return mutate(itemUrl(AdminPaths.ROUTES, routeId), "DELETE", null, expectedRevision);
    }

    /** Replaces (or adds) the upstream with {@code upstream.id()} if the runtime still serves {@code expectedRevision}, and returns the new revision. */
    public long replaceUpstream(Upstream upstream, long expectedRevision) throws IOException, AdminApiException {
        return mutate(itemUrl(AdminPaths.UPSTREAMS, upstream.id()), "PUT", jsonBody(upstream), expectedRevision);
    }

    /** Asks the runtime to validate a document; returns its violations, empty when it is valid. */
    public List<Violation> validate(GatewayConfig config) throws IOException, AdminApiException {
        Request request = authorized(url(AdminPaths.CONFIG_VALIDATE)).post(jsonBody(config)).build();
        try {
            try (Response response = execute(request)) {
                bodyText(response);
                return List.of();
            }
        } catch (AdminApiException e) {
            if (e.status() == 422 || e.status() == 400) {
                return e.violations();
            }
            throw e;
        }
    }

    public List<RevisionSummary> revisions() throws IOException, AdminApiException {
        return get(AdminPaths.CONFIG_REVISIONS, listOf(RevisionSummary.class));
    }

    public Versioned<GatewayConfig> revision(long revision) throws IOException, AdminApiException {
        Versioned<GatewayConfig> fetched = getVersioned(AdminPaths.CONFIG_REVISIONS + "/" + revision);
        return new Versioned<>(fetched.value(), revision);
    }

    public ConfigDiff diff(long fromRevision, long toRevision) throws IOException, AdminApiException {
        HttpUrl url = url(AdminPaths.CONFIG_DIFF).newBuilder()
                .addQueryParameter("from", Long.toString(fromRevision))
                .addQueryParameter("to", Long.toString(toRevision))
                .build();
        return get(url, MAPPER.constructType(ConfigDiff.class));
    }

    /** Makes the content of {@code revision} serve again (as a new revision) and returns what now serves. */
    public Versioned<GatewayConfig> rollback(long revision) throws IOException, AdminApiException {
        Request request = authorized(url(AdminPaths.CONFIG_ROLLBACK + "/" + revision))
                .post(RequestBody.create(new byte[0], JSON))
                .build();
        try (Response response = execute(request)) {
            bodyText(response);
        }
        return config();
    }

    /** Lists the admin tokens without their secrets; the runtime answers 403 unless the token has the admin role. */
    public List<AdminToken> tokens() throws IOException, AdminApiException {
        return get(AdminPaths.TOKENS, listOf(AdminToken.class));
    }

    public List<Route> routes() throws IOException, AdminApiException {
        return get(AdminPaths.ROUTES, listOf(Route.class));
    }

    public List<Upstream> upstreams() throws IOException, AdminApiException {
        return get(AdminPaths.UPSTREAMS, listOf(Upstream.class));
    }

    public List<AuditEntry> audit() throws IOException, AdminApiException {
        return get(AdminPaths.AUDIT, listOf(AuditEntry.class));
    }

    public List<TrafficRecord> recentTraffic(TrafficQuery query) throws IOException, AdminApiException {
        HttpUrl.Builder url = url(AdminPaths.TRAFFIC_RECENT).newBuilder();
        if (query.routeId() != null && !query.routeId().isBlank()) {
            url.addQueryParameter("route", query.routeId());
        }
        if (query.status() != null) {
            url.addQueryParameter("status", query.status());
        }
        if (query.consumerId() != null && !query.consumerId().isBlank()) {
            url.addQueryParameter("consumer", query.consumerId());
        }
        url.addQueryParameter("limit", Integer.toString(query.limit()));
        return get(url.build(), listOf(TrafficRecord.class));
    }

    private HttpUrl itemUrl(String collectionPath, String id) {
        return url(collectionPath).newBuilder().addPathSegment(id).build();
    }

    private long mutate(HttpUrl url, String method, RequestBody body, long expectedRevision)
            throws IOException, AdminApiException {
        Request request = authorized(url)
                .header("If-Match", AdminPaths.etag(expectedRevision))
                .method(method, body)
                .build();
        try (Response response = execute(request)) {
            OptionalLong revision = revisionOf(response);
            bodyText(response);
            return revision.orElseThrow(() -> new IOException(method + " " + url.encodedPath()
                    + " returned no ETag or " + AdminPaths.REVISION_HEADER + " header; cannot tell the new revision"));
        }
    }

    HttpUrl url(String path) {
        HttpUrl resolved = base.resolve(path);
        if (resolved == null) {
            throw new IllegalStateException("cannot resolve " + path + " against " + base);
        }
        return resolved;
    }

    Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
    }

    private <T> T get(String path, JavaType type) throws IOException, AdminApiException {
        return get(url(path), type);
    }

    private <T> T get(HttpUrl url, JavaType type) throws IOException, AdminApiException {
        Request request = authorized(url).header("Accept", "application/json").get().build();
        try (Response response = execute(request)) {
            return MAPPER.readValue(bodyText(response), type);
        }
    }

    private Versioned<GatewayConfig> getVersioned(String path) throws IOException, AdminApiException {
        Request request = authorized(url(path)).header("Accept", "application/json").get().build();
        try (Response response = execute(request)) {
            GatewayConfig config = MAPPER.readValue(bodyText(response), GatewayConfig.class);
            long revision = revisionOf(response).orElseThrow(() -> new IOException(
                    "GET " + path + " returned no ETag or " + AdminPaths.REVISION_HEADER + " header; cannot tell the revision"));
            return new Versioned<>(config, revision);
        }
    }

    private Response execute(Request request) throws IOException, AdminApiException {
        long startNanos = System.nanoTime();
        Response response = http.newCall(request).execute();
        if (LOG.isDebugEnabled()) {
            // Only method, path and status: the Authorization header is never written to the log.
            LOG.debug("admin {} {} -> {} in {} ms", request.method(), request.url().encodedPath(), response.code(),
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            throw new AdminApiException(request.method(), request.url().encodedPath(), response.code(), problemOf(response));
        }
    }

    private static Problem problemOf(Response response) {
        try {
            String text = bodyText(response);
            if (text.isBlank()) {
                return null;
            }
            return MAPPER.readValue(text, Problem.class);
        } catch (IOException | RuntimeException e) {
            LOG.debug("error response {} had no readable problem body: {}", response.code(), e.toString());
            return null;
        }
    }

    private static String bodyText(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    /** Reads the revision from {@code ETag: "12"} (weak tags accepted), else from {@code Tollgate-Revision}. */
    static OptionalLong revisionOf(Response response) {
        String etag = response.header("ETag");
        if (etag != null) {
            String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
            bare = bare.replace("\"", "").trim();
            try {
                return OptionalLong.of(Long.parseLong(bare));
            } catch (NumberFormatException e) {
                LOG.debug("ETag {} is not a revision number", etag);
            }
        }
        String header = response.header(AdminPaths.REVISION_HEADER);
        if (header != null) {
            try {
                return OptionalLong.of(Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                LOG.debug("{} {} is not a revision number", AdminPaths.REVISION_HEADER, header);
            }
        }
        return OptionalLong.empty();
    }

    private static RequestBody jsonBody(Object value) {
        return RequestBody.create(ConfigMapper.toJson(value), JSON);
    }

    private static JavaType listOf(Class<?> element) {
        return MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }
}
