package dev.tollgate.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A made-up HTTP service for the demo: responds to every path with a small JSON document after a delay
 * drawn from its {@link LatencyProfile}, and fails a share of requests with 500 or 503.
 * {@code GET /healthz} always returns 200 at once, so active health checks see the service as up.
 *
 * <p>The delay is scheduled on {@code scheduler} instead of sleeping, so a slow response holds no
 * Jetty thread.
 */
public final class SampleService extends Handler.Abstract.NonBlocking {

    public static final String HEALTH_PATH = "/healthz";
    private static final String JSON = "application/json";

    private final String name;
    private final LatencyProfile profile;
    private final RandomGenerator random;
    private final ScheduledExecutorService scheduler;

    public SampleService(String name, LatencyProfile profile, RandomGenerator random, ScheduledExecutorService scheduler) {
        this.name = Objects.requireNonNull(name, "name");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    public String name() {
        return name;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (HEALTH_PATH.equals(path)) {
            respond(response, HttpStatus.OK_200, "{\"status\":\"up\"}", callback);
            return true;
        }

        long delayMillis;
        boolean fail;
        // RandomGenerator implementations are not thread-safe; Jetty calls handle() concurrently.
        synchronized (random) {
            delayMillis = profile.pickDelayMillis(random);
            fail = profile.pickFailure(random);
        }
        int status = fail ? failureStatus() : successStatus(request.getMethod());
        String body = fail
                ? "{\"service\":\"" + name + "\",\"error\":\"simulated failure\"}"
                : "{\"service\":\"" + name + "\",\"method\":\"" + request.getMethod() + "\",\"path\":\"" + jsonEscape(path)
                        + "\",\"latencyMillis\":" + delayMillis + "}";

        scheduler.schedule(() -> respond(response, status, body, callback), delayMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    private int failureStatus() {
        synchronized (random) {
            return random.nextBoolean() ? HttpStatus.INTERNAL_SERVER_ERROR_500 : HttpStatus.SERVICE_UNAVAILABLE_503;
        }
    }

    private static int successStatus(String method) {
        return "POST".equals(method) ? HttpStatus.CREATED_201 : HttpStatus.OK_200;
    }

    private static void respond(Response response, int status, String body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
