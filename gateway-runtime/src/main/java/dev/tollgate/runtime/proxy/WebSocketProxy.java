package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.upstream.Outcome;
import dev.tollgate.runtime.upstream.TargetHandle;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies WebSocket upgrades: the gateway first opens a WebSocket to the upstream and upgrades
 * the client's connection only once the upstream has sent 101, so a client never gets 101 for an
 * upstream that rejected the upgrade. A rejection is passed on with the upstream's status.
 *
 * <p>Once both sides are open, frames are relayed one at a time in each direction: a frame from
 * one side is read only after the previous one was written to the other side, so a slow reader
 * slows the writer instead of filling the gateway's memory. No extensions are negotiated on
 * either side, so frames pass without recompression.
 */
final class WebSocketProxy extends ContainerLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketProxy.class);
    private static final Handshaker HANDSHAKER = Handshaker.newInstance();

    private final GatewayHandler handler;
    private WebSocketComponents components;
    private WebSocketCoreClient coreClient;

    WebSocketProxy(GatewayHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void doStart() throws Exception {
        components = WebSocketServerComponents.ensureWebSocketComponents(handler.getServer());
        coreClient = new WebSocketCoreClient(handler.httpClient(), components);
        addBean(coreClient);
        super.doStart();
    }

    /** Returns whether the request is a WebSocket upgrade (HTTP/1.1 Upgrade or HTTP/2 extended CONNECT). */
    static boolean isUpgradeRequest(Request clientRequest) {
        return HANDSHAKER.isWebSocketUpgradeRequest(clientRequest);
    }

    /** Opens the upstream WebSocket, then upgrades the client; see the class comment. */
    void proxy(ProxyExchange exchange) {
        TargetHandle target = exchange.route().pool().pick(exchange, exchange.triedTargets());
        if (target == null) {
            handler.respondWithProblem(exchange, ProxyFailure.NO_TARGET, "no target of the route's upstream is available");
            return;
        }
        Relay relay = new Relay(exchange, target);
        exchange.webSocketTarget(target);

        CoreClientUpgradeRequest upgrade = CoreClientUpgradeRequest.from(coreClient, upstreamUri(exchange, target), relay.upstreamSide);
        upgrade.setSubProtocols(requestedSubProtocols(exchange.clientRequest().getHeaders()));
        upgrade.timeout(exchange.route().responseTimeoutMillis(), TimeUnit.MILLISECONDS);
        // The route's connect settings pick the destination, so its connect timeout applies too.
        upgrade.tag(exchange.route().connect());
        upgrade.headers(fields -> writeUpgradeHeaders(exchange, target, fields));

        target.onRequestStart();
        relay.startNanos = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} gateway→upstream WebSocket upgrade {}{}", exchange.requestId(), target.url(),
                    AccessLog.redactQuery(exchange.upstreamPathAndQuery(), exchange.snapshot().sensitiveQueryParameters()));
        }
        try {
            coreClient.connect(upgrade).whenComplete((session, failure) -> {
                if (failure != null) {
                    relay.upstreamRejected(failure);
                } else {
                    relay.upgradeClient();
                }
            });
        } catch (java.io.IOException | RuntimeException e) {
            relay.upstreamRejected(e);
        }
    }

    private static URI upstreamUri(ProxyExchange exchange, TargetHandle target) {
        String scheme = "https".equals(target.scheme()) ? "wss" : "ws";
        String host = target.host().indexOf(':') >= 0 && !target.host().startsWith("[") ? "[" + target.host() + "]" : target.host();
        return URI.create(scheme + "://" + host + ":" + target.port() + exchange.upstreamPathAndQuery());
    }

    /** Writes the end-to-end headers and the gateway's own, without the handshake headers the client library writes. */
    private static void writeUpgradeHeaders(ProxyExchange exchange, TargetHandle target, HttpFields.Mutable fields) {
        HttpFields.Mutable copy = HttpFields.build();
        String upstreamHost = exchange.route().preserveHost() && exchange.clientAuthority() != null
                ? exchange.clientAuthority()
                : target.host() + ':' + target.port();
        ProxyHeaders.writeUpstreamRequestHeaders(exchange, upstreamHost, copy);
        for (HttpField field : copy) {
            if (!field.getLowerCaseName().startsWith("sec-websocket-")) {
                fields.put(field);
            }
        }
    }

    private static List<String> requestedSubProtocols(HttpFields headers) {
        List<String> protocols = new ArrayList<>();
        for (String value : headers.getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)) {
            for (String protocol : value.split(",")) {
                String trimmed = protocol.trim();
                if (!trimmed.isEmpty()) {
                    protocols.add(trimmed);
                }
            }
        }
        return protocols;
    }

    /** One proxied WebSocket: the two sessions and the frames relayed between them. */
    private final class Relay {
        private final ProxyExchange exchange;
        private final TargetHandle target;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final FrameHandler upstreamSide = new Side(true);
        private final FrameHandler clientSide = new Side(false);
        private volatile CoreSession upstreamSession;
        private volatile CoreSession clientSession;
        private long startNanos;

        Relay(ProxyExchange exchange, TargetHandle target) {
            this.exchange = exchange;
            this.target = target;
        }

        /** Responds to the client with the upstream's status when it rejected the upgrade, else with 502 or 504. */
        void upstreamRejected(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} upstream rejected the WebSocket upgrade: {}", exchange.requestId(), cause.toString());
            }
            if (cause instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
                int status = upgrade.getResponseStatusCode();
                target.onRequestEnd(status >= 500 ? Outcome.SERVER_ERROR : Outcome.SUCCESS, System.nanoTime() - startNanos);
                handler.respondWithProblem(exchange, ProxyFailure.UPGRADE_REJECTED, status,
                        "upstream " + target.url() + " rejected the WebSocket upgrade with " + status);
                return;
            }
            ProxyFailure kind = ProxyFailure.classifyUpstream(cause);
            target.onRequestEnd(kind.outcome(), System.nanoTime() - startNanos);
            handler.respondWithProblem(exchange, kind, "WebSocket upgrade to upstream " + target.url() + " failed");
        }

        /** Upgrades the client's connection after the upstream sent 101. */
        void upgradeClient() {
            WebSocketNegotiator negotiator = new WebSocketNegotiator() {
                @Override
                public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
                    String subProtocol = upstreamSession.getNegotiatedSubProtocol();
                    if (subProtocol != null && !subProtocol.isEmpty()) {
                        response.setAcceptedSubProtocol(subProtocol);
                    }
                    response.setExtensions(List.of());
                    response.getHeaders().put(RequestIds.HEADER, exchange.requestId());
                    return clientSide;
                }
            };
            exchange.status(101);
            exchange.responseStarted();
            boolean upgraded;
            try {
                upgraded = HANDSHAKER.upgradeRequest(negotiator, exchange.clientRequest(), exchange.clientResponse(),
                        exchange.clientCallback(), components, null);
            } catch (RuntimeException e) {
                LOG.debug("{} client upgrade failed", exchange.requestId(), e);
                upgraded = false;
            }
            if (!upgraded) {
                upstreamSession.close(CloseStatus.SERVER_ERROR, "client upgrade failed", Callback.NOOP);
                finish(Outcome.CLIENT_ABORTED);
                exchange.clientCallback().failed(new IllegalStateException("the client's WebSocket upgrade failed"));
            }
        }

        void finish(Outcome outcome) {
            if (finished.compareAndSet(false, true)) {
                target.onRequestEnd(outcome, System.nanoTime() - startNanos);
                handler.recordWithoutCompleting(exchange);
            }
        }

        /** One side of the relay; frames it receives go to the other side. */
        private final class Side implements FrameHandler {
            private final boolean upstream;

            Side(boolean upstream) {
                this.upstream = upstream;
            }

            private CoreSession own() {
                return upstream ? upstreamSession : clientSession;
            }

            private CoreSession other() {
                return upstream ? clientSession : upstreamSession;
            }

            @Override
            public void onOpen(CoreSession session, Callback callback) {
                if (upstream) {
                    // Frames from the upstream wait until the client side is open to take them.
                    upstreamSession = session;
                    callback.succeeded();
                    return;
                }
                clientSession = session;
                callback.succeeded();
                session.demand();
                upstreamSession.demand();
            }

            @Override
            public void onFrame(Frame frame, Callback callback) {
                CoreSession other = other();
                if (frame.getOpCode() == OpCode.CLOSE) {
                    CloseStatus status = CloseStatus.getCloseStatus(frame);
                    other.close(status.getCode(), status.getReason(), Callback.NOOP);
                    callback.succeeded();
                    return;
                }
                if (upstream) {
                    exchange.addResponseBytes(frame.getPayloadLength());
                } else {
                    exchange.addRequestBytes(frame.getPayloadLength());
                }
                // A fresh frame carries no mask, so each session masks (or not) as its role requires.
                Frame relayed = new Frame(frame.getOpCode(), frame.isFin(), frame.getPayload());
                other.sendFrame(relayed, Callback.from(() -> {
                    callback.succeeded();
                    own().demand();
                }, failure -> {
                    callback.failed(failure);
                    own().abort();
                }), false);
            }

            @Override
            public void onError(Throwable cause, Callback callback) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} WebSocket {} side failed: {}", exchange.requestId(), upstream ? "upstream" : "client", cause.toString());
                }
                callback.succeeded();
            }

            @Override
            public void onClosed(CloseStatus closeStatus, Callback callback) {
                CoreSession other = other();
                if (other != null && !other.isClosed()) {
                    other.close(closeStatus.getCode(), closeStatus.getReason(), Callback.NOOP);
                }
                callback.succeeded();
                if (!upstream || clientSession == null) {
                    finish(closeStatus.isAbnormal() ? Outcome.CLIENT_ABORTED : Outcome.SUCCESS);
                }
            }
        }
    }
}
