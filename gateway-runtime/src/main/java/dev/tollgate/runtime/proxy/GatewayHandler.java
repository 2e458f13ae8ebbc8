package dev.tollgate.runtime.proxy;

import dev.tollgate.model.api.Problem;
import dev.tollgate.runtime.routing.BadPathException;
import dev.tollgate.runtime.routing.PathNormalizer;
import dev.tollgate.runtime.routing.RouteMatchResult;
import dev.tollgate.runtime.server.GatewaySnapshot;
import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.telemetry.ExchangeObserver;
import dev.tollgate.runtime.upstream.RetryPolicy;
import dev.tollgate.runtime.upstream.TargetHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: a non-blocking Jetty core handler that routes each client request and proxies
 * it to an upstream target with Jetty's {@link HttpClient}, streaming bodies in both directions.
 *
 * <p>Objects are named by direction: the client→gateway request and gateway→client response are
 * Jetty server objects, the gateway→upstream request and upstream→gateway response are Jetty
 * client objects. Every failure the gateway responds to itself goes through
 * {@link #respondWithProblem}, which writes an {@code application/problem+json} body with the
 * request id. {@link ProxyFailure} maps exceptions to statuses.
 */
public final class GatewayHandler extends Handler.Abstract.NonBlocking {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final Supplier<GatewaySnapshot> snapshots;
    private final HttpClient httpClient;
    private final ExchangeObserver observer;
    private final Clock clock;
    private final WebSocketProxy webSocketProxy;

    /**
     * @param snapshots returns the snapshot each new exchange runs on
     * @param httpClient the started client for gateway→upstream requests, built by
     *     {@link UpstreamHttpClient#create}
     * @param observer receives every exchange; {@link ExchangeObserver#NONE} to disable telemetry
     * @param clock wall-clock time for the exchange's start time
     */
    public GatewayHandler(Supplier<GatewaySnapshot> snapshots, HttpClient httpClient, ExchangeObserver observer, Clock clock) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.webSocketProxy = new WebSocketProxy(this);
        addBean(webSocketProxy);
    }

    @Override
    public boolean handle(Request clientRequest, Response clientResponse, Callback clientCallback) {
        ProxyExchange exchange = startExchange(clientRequest, clientResponse, clientCallback);

        if (!normalizePath(exchange)) {
            return true;
        }

        if (!matchRoute(exchange)) {
            return true;
        }

        observer.onExchangeStarted(exchange.routeId());

        if (WebSocketProxy.isUpgradeRequest(clientRequest)) {
            webSocketProxy.proxy(exchange);
            return true;
        }

        exchange.route().pool().retryPolicy().recordRequest();
        clientRequest.addFailureListener(failure -> onClientFailure(exchange, failure));
        sendAttempt(exchange);
        return true;
    }

    private ProxyExchange startExchange(Request clientRequest, Response clientResponse, Callback clientCallback) {
        ProxyExchange exchange = new ProxyExchange(clientRequest, clientResponse, clientCallback, snapshots.get(),
                clientRequest.getBeginNanoTime(), clock.millis());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} client→gateway {} {} from {}", exchange.requestId(), clientRequest.getMethod(),
                    exchange.redactedPathAndQuery(), exchange.clientAddress());
        }
        return exchange;
    }

    /** Resolves dot segments once; the router and the rewrite see only the normalised path. */
    private boolean normalizePath(ProxyExchange exchange) {
        try {
            exchange.normalizedPath(PathNormalizer.normalize(exchange.clientRequest().getHttpURI().getPath()));
            return true;
        } catch (BadPathException e) {
            observer.onExchangeStarted(null);
            respondWithProblem(exchange, ProxyFailure.BAD_PATH, e.getMessage());
            return false;
        }
    }

    private boolean matchRoute(ProxyExchange exchange) {
        GatewaySnapshot snapshot = exchange.snapshot();
        RouteMatchResult match = snapshot.router().match(exchange);
        if (match == null) {
            observer.onExchangeStarted(null);
            respondWithProblem(exchange, ProxyFailure.NO_ROUTE,
                    ProblemJson.noRouteDetail(exchange.method(), exchange.path(), exchange.host()));
            return false;
        }
        exchange.routed(match, snapshot.routeSettings(match.route().id()));
        return true;
    }

    /** Picks a target that this exchange has not tried yet and sends the gateway→upstream request. */
    void sendAttempt(ProxyExchange exchange) {
        if (exchange.isCompleted()) {
            return;
        }
        if (exchange.failure() == ProxyFailure.CLIENT_ABORTED) {
            completeExchange(exchange, new java.io.IOException("client disconnected before the upstream responded"));
            return;
        }
        TargetHandle target = exchange.route().pool().pick(exchange, exchange.triedTargets());
        if (target == null) {
            respondWithoutTarget(exchange);
            return;
        }

        UpstreamAttempt attempt = new UpstreamAttempt(this, exchange, target);
        exchange.startAttempt(attempt);
        attempt.send(newUpstreamRequest(exchange, target, attempt));
    }

    /**
     * Responds when no target is left: 503 before any attempt, otherwise the last attempt's
     * failure, with the status of an upstream response that was dropped for the retry.
     */
    private void respondWithoutTarget(ProxyExchange exchange) {
        ProxyFailure lastFailure = exchange.failure();
        if (exchange.attemptCount() == 0 || lastFailure == null) {
            respondWithProblem(exchange, ProxyFailure.NO_TARGET, "no target of the route's upstream is available");
        } else if (exchange.discardedUpstreamStatus() > 0) {
            respondWithProblem(exchange, lastFailure, exchange.discardedUpstreamStatus(),
                    "every target of the upstream failed; the last one responded with " + exchange.discardedUpstreamStatus());
        } else {
            respondWithProblem(exchange, lastFailure, "every target of the upstream failed");
        }
    }

    private org.eclipse.jetty.client.Request newUpstreamRequest(ProxyExchange exchange, TargetHandle target, UpstreamAttempt attempt) {
        Request clientRequest = exchange.clientRequest();
        RouteSettings route = exchange.route();
        String upstreamHost = route.preserveHost() && exchange.clientAuthority() != null
                ? exchange.clientAuthority()
                : hostHeader(target);

        // The target's URI is parsed once by the pool, so only the path is parsed per request.
        org.eclipse.jetty.client.Request upstreamRequest = httpClient.newRequest(target.uri())
                .method(clientRequest.getMethod())
                .path(exchange.upstreamPathAndQuery())
                .version(HttpVersion.HTTP_1_1)
                .tag(route.connect())
                .timeout(route.responseTimeoutMillis(), TimeUnit.MILLISECONDS)
                .attribute(UpstreamAttempt.ATTRIBUTE, attempt)
                .headers(fields -> ProxyHeaders.writeUpstreamRequestHeaders(exchange, upstreamHost, fields));

        if (hasRequestBody(exchange)) {
            attachRequestBody(exchange, attempt, upstreamRequest);
        }
        return upstreamRequest;
    }

    /**
     * Streams the client's body upstream. With {@code Expect: 100-continue} the body is not read
     * until the upstream sends its own 100, because Jetty sends the client 100 on the first read.
     * So the upstream, not the gateway, decides whether the body is wanted.
     */
    private static void attachRequestBody(ProxyExchange exchange, UpstreamAttempt attempt, org.eclipse.jetty.client.Request upstreamRequest) {
        ClientRequestContent clientContent = new ClientRequestContent(exchange);
        if (HttpHeaderValue.CONTINUE.is(exchange.clientRequest().getHeaders().get(HttpHeader.EXPECT))) {
            // NOTE: an upstream that neither sends 100 nor a final status keeps the exchange waiting
            // until the route's response timeout (504), even if the client sends its body anyway.
            AsyncRequestContent delayed = new AsyncRequestContent();
            upstreamRequest.body(delayed);
            attempt.onUpstreamContinue(() -> Content.copy(clientContent, delayed, Callback.from(delayed::close, delayed::fail)));
        } else {
            upstreamRequest.body(clientContent);
        }
    }

    /**
     * Returns whether the client sent (or is sending) a body. HTTP/1 declares one with
     * Content-Length or Transfer-Encoding. HTTP/2 may stream a body without a length, so there
     * only GET and HEAD count as bodiless.
     */
    static boolean hasRequestBody(ProxyExchange exchange) {
        Request clientRequest = exchange.clientRequest();
        long length = clientRequest.getLength();
        if (length >= 0) {
            return length > 0;
        }
        if (exchange.isHttp1()) {
            return clientRequest.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        }
        String method = clientRequest.getMethod();
        return !HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method);
    }

    /** Returns the target's authority as configured, which {@link java.net.URI} computes once. */
    private static String hostHeader(TargetHandle target) {
        return target.uri().getRawAuthority();
    }

    /**
     * Decides whether a failed attempt may be repeated on another target: only for an idempotent
     * method without a body, before any response byte went to the client, within the upstream's
     * attempt limit and retry budget. Acquiring the budget is the last check because it spends it.
     */
    boolean mayRetry(ProxyExchange exchange) {
        if (exchange.isCompleted() || exchange.isResponseStarted() || exchange.failure() == ProxyFailure.CLIENT_ABORTED) {
            return false;
        }
        RetryPolicy policy = exchange.route().pool().retryPolicy();
        if (!policy.isRetryable(exchange.method()) || hasRequestBody(exchange)) {
            return false;
        }
        if (exchange.attemptCount() >= policy.maxAttempts()) {
            return false;
        }
        return policy.tryAcquireRetry();
    }

    /** Sends the next attempt after the upstream's backoff, on the client's scheduler thread. */
    void retry(ProxyExchange exchange) {
        long backoffMillis = exchange.route().pool().retryPolicy().backoffMillis(exchange.attemptCount());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} retrying after {} ({} attempts so far, backoff {} ms)", exchange.requestId(),
                    exchange.failure().reason(), exchange.attemptCount(), backoffMillis);
        }
        if (backoffMillis <= 0) {
            sendAttempt(exchange);
        } else {
            httpClient.getScheduler().schedule(() -> sendAttempt(exchange), backoffMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void onClientFailure(ProxyExchange exchange, Throwable failure) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} client→gateway failed: {}", exchange.requestId(), failure.toString());
        }
        exchange.failure(ProxyFailure.CLIENT_ABORTED);
        UpstreamAttempt attempt = exchange.currentAttempt();
        if (attempt != null) {
            attempt.abort(failure);
        }
    }

    /**
     * Responds to the client with a problem body for {@code failure}, or aborts the client's
     * connection when the upstream's response has already started and a status can no longer be
     * sent.
     */
    void respondWithProblem(ProxyExchange exchange, ProxyFailure failure, String detail) {
        respondWithProblem(exchange, failure, failure.status(), detail);
    }

    /** Like {@link #respondWithProblem(ProxyExchange, ProxyFailure, String)} with a status the upstream chose. */
    void respondWithProblem(ProxyExchange exchange, ProxyFailure failure, int status, String detail) {
        exchange.failure(failure);
        if (exchange.isCompleted()) {
            return;
        }
        if (exchange.isResponseStarted()) {
            completeExchange(exchange, new java.io.IOException(failure.reason() + ": " + detail));
            return;
        }
        exchange.status(status);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} gateway→client {} {}: {}", exchange.requestId(), status, failure.reason(), detail);
        }

        String title = status == failure.status() ? failure.title() : HttpStatus.getMessage(status);
        byte[] body = ProblemJson.of(status, title, detail, exchange.requestId()).getBytes(StandardCharsets.UTF_8);
        Response clientResponse = exchange.clientResponse();
        clientResponse.setStatus(status);
        clientResponse.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        clientResponse.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        clientResponse.getHeaders().put(RequestIds.HEADER, exchange.requestId());
        clientResponse.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (failure == ProxyFailure.BAD_REQUEST_BODY && exchange.isHttp1()) {
            // The framing of the rest of the connection cannot be trusted after a malformed body.
            clientResponse.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        exchange.addResponseBytes(body.length);
        exchange.responseStarted();
        clientResponse.write(true, ByteBuffer.wrap(body),
                Callback.from(() -> completeExchange(exchange, null), x -> completeExchange(exchange, x)));
    }

    /** Records the exchange and completes the client's callback, once. */
    void completeExchange(ProxyExchange exchange, Throwable clientFailure) {
        if (!exchange.markCompleted()) {
            return;
        }
        record(exchange);
        if (clientFailure == null) {
            exchange.clientCallback().succeeded();
        } else {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} gateway→client failed: {}", exchange.requestId(), clientFailure.toString());
            }
            exchange.clientCallback().failed(clientFailure);
        }
    }

    /**
     * Records a request that Jetty rejected before this handler ran, such as a malformed one
     * rejected with 400, so it appears in the access log and telemetry like any other exchange.
     */
    public void recordRejectedRequest(Request clientRequest, int status, String reason) {
        boolean logging = AccessLog.isEnabled();
        if (observer == ExchangeObserver.NONE && !logging) {
            return;
        }
        CompletedExchange rejected = new CompletedExchange(clock.millis(),
                RequestIds.keepOrGenerate(clientRequest.getHeaders().get(RequestIds.HEADER)), null,
                clientRequest.getMethod(), clientRequest.getHttpURI().getPathQuery(), status,
                System.nanoTime() - clientRequest.getBeginNanoTime(), -1, null, null, null, null, 0, 0,
                Request.getRemoteAddr(clientRequest), reason);
        if (logging) {
            AccessLog.log(rejected, snapshots.get().sensitiveQueryParameters());
        }
        try {
            observer.onExchangeStarted(null);
            observer.onExchangeCompleted(rejected);
        } catch (RuntimeException e) {
            LOG.warn("Exchange observer failed on a rejected request", e);
        }
    }

    /**
     * Records an exchange whose client callback Jetty completes itself, such as an upgraded
     * WebSocket, once.
     */
    void recordWithoutCompleting(ProxyExchange exchange) {
        if (exchange.markCompleted()) {
            record(exchange);
        }
    }

    private void record(ProxyExchange exchange) {
        boolean logging = AccessLog.isEnabled();
        if (observer == ExchangeObserver.NONE && !logging) {
            return;
        }
        CompletedExchange completed = exchange.toCompletedExchange(System.nanoTime());
        if (logging) {
            AccessLog.log(completed, exchange.snapshot().sensitiveQueryParameters());
        }
        try {
            observer.onExchangeCompleted(completed);
        } catch (RuntimeException e) {
            LOG.warn("{} exchange observer failed; the exchange itself completed", exchange.requestId(), e);
        }
    }

    HttpClient httpClient() {
        return httpClient;
    }

    ExchangeObserver observer() {
        return observer;
    }
}
