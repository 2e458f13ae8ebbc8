package dev.tollgate.runtime.proxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The client→gateway body as the body of the gateway→upstream request. Reads and demands go
 * straight to Jetty's server request, so the body streams with backpressure and is never held in
 * memory as a whole. The bytes read are counted for the access log.
 */
final class ClientRequestContent implements org.eclipse.jetty.client.Request.Content {

    private final ProxyExchange exchange;
    private final Request clientRequest;

    ClientRequestContent(ProxyExchange exchange) {
        this.exchange = exchange;
        this.clientRequest = exchange.clientRequest();
    }

    @Override
    public String getContentType() {
        return clientRequest.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    @Override
    public long getLength() {
        return clientRequest.getLength();
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = clientRequest.read();
        if (chunk == null) {
            return null;
        }
        if (Content.Chunk.isFailure(chunk)) {
            // Jetty's parser rejected the body, for example a malformed chunk size.
            exchange.clientBodyFailed();
        } else {
            exchange.addRequestBytes(chunk.remaining());
        }
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        clientRequest.demand(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
        clientRequest.fail(failure);
    }

    @Override
    public boolean rewind() {
        return false;
    }
}
