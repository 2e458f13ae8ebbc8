package dev.tollgate.runtime.telemetry;

import dev.tollgate.model.api.Problem;
import dev.tollgate.model.api.TrafficRecord;
import dev.tollgate.model.json.ConfigMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry endpoints of the admin API. The admin handler authenticates the request and then
 * calls one of these methods, which takes over the response: it completes {@code callback} itself,
 * at once for {@code /metrics} and recent traffic, or when the stream ends.
 */
public final class TelemetryEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEndpoints.class);

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final String JSON = "application/json";

    private final Telemetry telemetry;
    private final StreamHub hub;
    private final TelemetrySettings settings;

    TelemetryEndpoints(Telemetry telemetry, StreamHub hub, TelemetrySettings settings) {
        this.telemetry = telemetry;
        this.hub = hub;
        this.settings = settings;
    }

    /** Serves {@code GET /metrics} in the Prometheus text format 0.0.4. */
    public void handleMetrics(Request request, Response response, Callback callback) {
        if (!allowGet(request, response, callback)) {
            return;
        }
        String body = PrometheusExport.write(telemetry, hub);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * Serves {@code GET /admin/v1/stream} as server-sent events until the client leaves, falls
     * behind or the gateway stops. A {@code Last-Event-ID} header resumes after that event.
     */
    public void handleStream(Request request, Response response, Callback callback) {
        if (!allowGet(request, response, callback)) {
            return;
        }
        StreamSubscriber subscriber = new StreamSubscriber(hub.nextSubscriberId(), response, callback,
                settings.subscriberQueueEvents(), hub);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no");
        request.addFailureListener(failure -> subscriber.abort(StreamSubscriber.EndReason.CLIENT_GONE, failure));

        StreamHub.ResumePoint resume = new StreamHub.ResumePoint(request.getHeaders().get("Last-Event-ID"));
        if (!hub.subscribe(subscriber, resume)) {
            response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            writeProblem(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "Stream unavailable",
                    "the node already serves " + settings.maxSubscribers()
                            + " stream subscribers or is shutting down; retry later");
        }
    }

    /**
     * Serves {@code GET /admin/v1/traffic/recent} as a JSON array of {@link TrafficRecord}, newest
     * first, filtered by {@code route}, {@code status} ({@code 503} or {@code 5xx}), {@code consumer}
     * and cut to {@code limit} (default 100, at most 1000).
     */
    public void handleRecentTraffic(Request request, Response response, Callback callback) {
        if (!allowGet(request, response, callback)) {
            return;
        }
        RecentTrafficQuery query;
        try {
            Fields parameters = Request.extractQueryParameters(request);
            query = RecentTrafficQuery.parse(parameters);
        } catch (IllegalArgumentException e) {
            writeProblem(request, response, callback, HttpStatus.BAD_REQUEST_400, "Invalid query parameter",
                    e.getMessage());
            return;
        }
        List<TrafficRecord> records = RecentTraffic.find(telemetry, query);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = ConfigMapper.toJson(records).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static boolean allowGet(Request request, Response response, Callback callback) {
        if (HttpMethod.GET.is(request.getMethod())) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        writeProblem(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Method not allowed",
                request.getMethod() + " is not supported here; use GET");
        return false;
    }

    private static void writeProblem(Request request, Response response, Callback callback, int status, String title,
            String detail) {
        LOG.debug("Request {}: {} {}", request.getId(), status, detail);
        Problem problem = Problem.of(status, title, detail, request.getId())
                .withInstance(request.getHttpURI().getPath());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        byte[] body = ConfigMapper.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
