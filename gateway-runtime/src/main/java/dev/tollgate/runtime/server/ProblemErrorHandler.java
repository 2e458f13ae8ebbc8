package dev.tollgate.runtime.server;

import dev.tollgate.model.api.Problem;
import dev.tollgate.runtime.proxy.ProblemJson;
import dev.tollgate.runtime.proxy.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.tollgate.runtime.proxy.GatewayHandler;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the errors Jetty produces before a handler runs, such as 400 for a malformed request, as
 * {@code application/problem+json} with a request id, like every other error of the gateway.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final GatewayHandler gatewayHandler;
    private final Connector dataConnector;

    /**
     * @param gatewayHandler records requests Jetty rejected on {@code dataConnector}; null records nothing
     */
    ProblemErrorHandler(GatewayHandler gatewayHandler, Connector dataConnector) {
        this.gatewayHandler = gatewayHandler;
        this.dataConnector = dataConnector;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        // Jetty's own rejections (malformed requests) carry an HttpException; failures of the
        // gateway handler were recorded by the handler already.
        if (gatewayHandler != null && cause instanceof HttpException
                && request.getConnectionMetaData().getConnector() == dataConnector) {
            gatewayHandler.recordRejectedRequest(request, status, "bad_request");
        }

        String requestId = RequestIds.keepOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        String title = HttpStatus.getMessage(status);
        String detail = message == null || message.isBlank() ? title : message;
        byte[] body = ProblemJson.of(status, title, detail, requestId).getBytes(StandardCharsets.UTF_8);

        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
