package dev.tollgate.runtime.proxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The client→gateway body as the body of the gateway→upstream request. Reads and demands go
 * straight to Jetty's server request, so the body streams with backpressure and is never held in
 * memory as a whole. The bytes read are counted for the access log.
 *
 * <p>{@link #fail} does not fail the client's request. The gateway→upstream request fails this
 * content when the upstream closes, times out or is aborted, and the client must then get the
 * gateway's mapped problem response (502, 504) rather than a body read failure or Jetty's own
 * 500. Jetty closes the client connection when the exchange completes with the body unread.
 */
final class ClientRequestContent implements org.eclipse.jetty.client.Request.Content {

    private final ProxyExchange exchange;
    private final Request clientRequest;
    private volatile Throwable failure;

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
        Throwable failed = failure;
        if (failed != null) {
            return Content.Chunk.from(failed, true);
        }
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
        if (failure != null) {
            demandCallback.run();
            return;
        }
        clientRequest.demand(demandCallback);
    }

    /** Stops reading the client's body: later reads return {@code failure} as a last chunk. */
    @Override
    public void fail(Throwable failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    @Override
    public boolean rewind() {
        return false;
    }
}
