package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.routing.QueryParameters;
import dev.tollgate.runtime.routing.RequestAttributes;
import dev.tollgate.runtime.routing.RouteMatchResult;
import dev.tollgate.runtime.server.GatewaySnapshot;
import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.upstream.PickContext;
import dev.tollgate.runtime.upstream.TargetHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The state of one client exchange as it moves through the gateway: the client→gateway request,
 * the gateway→client response, the snapshot it started on, the matched route and every upstream
 * attempt. The router and the balancer read the request through the {@link RequestAttributes} and
 * {@link PickContext} views.
 *
 * <p>Jetty delivers the events of one exchange one after another, although not always on the same
 * thread; each hand-over (a callback, a demand) orders the writes, so plain fields are enough.
 * Only {@link #markCompleted()} can race (a client failure against the upstream completing), and
 * it is atomic.
 */
public final class ProxyExchange implements RequestAttributes, PickContext {

    private final Request clientRequest;
    private final Response clientResponse;
    private final Callback clientCallback;
    private final GatewaySnapshot snapshot;
    private final long startNanos;
    private final long startEpochMillis;
    private final String requestId;
    private final AtomicBoolean completed = new AtomicBoolean();

    private String normalizedPath;
    private String host;
    private QueryParameters query;
    private RouteMatchResult match;
    private RouteSettings route;
    private Boolean peerTrusted;
    private String clientAddress;

    private Set<TargetHandle> triedTargets;
    private UpstreamAttempt currentAttempt;
    private TargetHandle webSocketTarget;
    private int attemptCount;

    private long requestBytes;
    private long responseBytes;
    private long upstreamLatencyNanos = -1;
    private int status;
    private ProxyFailure failure;
    private boolean responseStarted;
    private int discardedUpstreamStatus;
    private volatile boolean clientBodyFailed;

    ProxyExchange(Request clientRequest, Response clientResponse, Callback clientCallback, GatewaySnapshot snapshot,
            long startNanos, long startEpochMillis) {
        this.clientRequest = clientRequest;
        this.clientResponse = clientResponse;
        this.clientCallback = clientCallback;
        this.snapshot = snapshot;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
        this.requestId = RequestIds.keepOrGenerate(clientRequest.getHeaders().get(RequestIds.HEADER));
    }

    // --- views for the router and the balancer

    @Override
    public String host() {
        if (host == null) {
            String raw = clientRequest.getHttpURI().getHost();
            host = raw == null ? null : lowerCase(raw);
        }
        return host;
    }

    @Override
    public String method() {
        return clientRequest.getMethod();
    }

    @Override
    public String path() {
        return normalizedPath;
    }

    @Override
    public String header(String name) {
        return clientRequest.getHeaders().get(name);
    }

    @Override
    public String queryParameter(String name) {
        if (query == null) {
            String rawQuery = clientRequest.getHttpURI().getQuery();
            query = rawQuery == null ? QueryParameters.EMPTY : QueryParameters.parse(rawQuery);
        }
        return query.first(name);
    }

    @Override
    public String clientAddress() {
        if (clientAddress == null) {
            clientAddress = Request.getRemoteAddr(clientRequest);
        }
        return clientAddress;
    }

    // --- the client side

    public Request clientRequest() {
        return clientRequest;
    }

    public Response clientResponse() {
        return clientResponse;
    }

    Callback clientCallback() {
        return clientCallback;
    }

    public String requestId() {
        return requestId;
    }

    public GatewaySnapshot snapshot() {
        return snapshot;
    }

    SocketAddress clientSocketAddress() {
        return clientRequest.getConnectionMetaData().getRemoteSocketAddress();
    }

    /** Returns {@code http} or {@code https}, as the client reached the gateway. */
    String clientScheme() {
        String scheme = clientRequest.getHttpURI().getScheme();
        if (scheme != null) {
            return scheme;
        }
        return clientRequest.isSecure() ? "https" : "http";
    }

    /** Returns the host and port the client addressed ({@code Host} or {@code :authority}), or null. */
    String clientAuthority() {
        HttpURI uri = clientRequest.getHttpURI();
        String authority = uri.getAuthority();
        if (authority != null && !authority.isEmpty()) {
            return authority;
        }
        return clientRequest.getHeaders().get(HttpHeader.HOST);
    }

    /** Returns the host the client addressed, without the port, or null. */
    String clientHost() {
        return clientRequest.getHttpURI().getHost();
    }

    int localPort() {
        SocketAddress local = clientRequest.getConnectionMetaData().getLocalSocketAddress();
        return local instanceof InetSocketAddress inet ? inet.getPort() : Request.getServerPort(clientRequest);
    }

    boolean snapshotTrustsPeer() {
        if (peerTrusted == null) {
            peerTrusted = snapshot.trustedProxies().contains(clientSocketAddress());
        }
        return peerTrusted;
    }

    boolean isHttp1() {
        HttpVersion version = clientRequest.getConnectionMetaData().getHttpVersion();
        return version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
    }

    // --- routing

    void normalizedPath(String path) {
        this.normalizedPath = path;
    }

    void routed(RouteMatchResult match, RouteSettings route) {
        this.match = match;
        this.route = route;
    }

    public RouteSettings route() {
        return route;
    }

    RouteMatchResult match() {
        return match;
    }

    String routeId() {
        return route == null ? null : route.routeId();
    }

    /**
     * Returns the path and query for the gateway→upstream request: the client's raw bytes when
     * the route has no rewrite, otherwise the rewritten path followed by the client's raw query.
     */
    String upstreamPathAndQuery() {
        String rewritten = match.rewritePath(normalizedPath);
        HttpURI uri = clientRequest.getHttpURI();
        if (rewritten == null) {
            return uri.getPathQuery();
        }
        String rawQuery = uri.getQuery();
        return rawQuery == null ? rewritten : rewritten + '?' + rawQuery;
    }

    /** Returns the client's path and query with sensitive query values redacted, for logs. */
    String redactedPathAndQuery() {
        return AccessLog.redactQuery(clientRequest.getHttpURI().getPathQuery(), snapshot.sensitiveQueryParameters());
    }

    /** Maps an upstream path back to the path the client would have used, for Location rewriting. */
    String restoreClientPath(String upstreamPath) {
        return match.route().restoreClientPath(upstreamPath);
    }

    // --- upstream attempts

    Set<TargetHandle> triedTargets() {
        return triedTargets == null ? Set.of() : triedTargets;
    }

    void startAttempt(UpstreamAttempt attempt) {
        if (currentAttempt != null) {
            if (triedTargets == null) {
                triedTargets = new HashSet<>(4);
            }
            triedTargets.add(currentAttempt.target());
        }
        currentAttempt = attempt;
        attemptCount++;
    }

    UpstreamAttempt currentAttempt() {
        return currentAttempt;
    }

    TargetHandle currentTarget() {
        return currentAttempt == null ? webSocketTarget : currentAttempt.target();
    }

    /** Records the target of a proxied WebSocket, which has no HTTP attempt. */
    void webSocketTarget(TargetHandle target) {
        this.webSocketTarget = target;
    }

    int attemptCount() {
        return attemptCount;
    }

    // --- accounting

    void addRequestBytes(long bytes) {
        requestBytes += bytes;
    }

    void addResponseBytes(long bytes) {
        responseBytes += bytes;
    }

    void upstreamLatencyNanos(long nanos) {
        this.upstreamLatencyNanos = nanos;
    }

    void status(int status) {
        this.status = status;
    }

    void failure(ProxyFailure failure) {
        this.failure = failure;
    }

    ProxyFailure failure() {
        return failure;
    }

    /** Remembers the status of an upstream response that was dropped to retry on another target. */
    void discardedUpstreamStatus(int status) {
        this.discardedUpstreamStatus = status;
    }

    /** Returns the status of the last upstream response dropped for a retry, or 0. */
    int discardedUpstreamStatus() {
        return discardedUpstreamStatus;
    }

    /** Forgets the failure of an earlier attempt; a client abort is kept. */
    void clearRetriedFailure() {
        if (failure != ProxyFailure.CLIENT_ABORTED) {
            failure = null;
        }
    }

    /** Records that reading the client's body failed, so the exchange ends with 400, not 502. */
    void clientBodyFailed() {
        this.clientBodyFailed = true;
    }

    boolean isClientBodyFailed() {
        return clientBodyFailed;
    }

    /** Marks that the gateway→client response head has been handed to Jetty; no retry after this. */
    void responseStarted() {
        this.responseStarted = true;
    }

    boolean isResponseStarted() {
        return responseStarted || clientResponse.isCommitted();
    }

    /** Returns true the first time only; the exchange is recorded and its callback completed once. */
    boolean markCompleted() {
        return completed.compareAndSet(false, true);
    }

    boolean isCompleted() {
        return completed.get();
    }

    CompletedExchange toCompletedExchange(long endNanos) {
        TargetHandle target = currentTarget();
        return new CompletedExchange(
                startEpochMillis,
                requestId,
                routeId(),
                clientRequest.getMethod(),
                clientRequest.getHttpURI().getPathQuery(),
                status,
                endNanos - startNanos,
                upstreamLatencyNanos,
                target == null ? null : target.url(),
                null,
                null,
                null,
                requestBytes,
                responseBytes,
                clientAddress(),
                failure == null ? null : failure.reason());
    }

    private static String lowerCase(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        return value;
    }
}
