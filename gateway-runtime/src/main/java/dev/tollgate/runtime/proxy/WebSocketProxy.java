package dev.tollgate.runtime.proxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/** Proxies WebSocket upgrades. */
final class WebSocketProxy extends ContainerLifeCycle {

    private final GatewayHandler handler;

    WebSocketProxy(GatewayHandler handler) {
        this.handler = handler;
    }

    static boolean isUpgradeRequest(Request clientRequest) {
        return false;
    }

    void proxy(ProxyExchange exchange) {
        handler.respondWithProblem(exchange, ProxyFailure.UPSTREAM_FAILED, "WebSocket is not supported yet");
    }
}
