package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.Role;
import java.util.Objects;
import org.eclipse.jetty.server.Request;

/**
 * An admin endpoint served by another component (metrics, the live stream, recent traffic). The
 * admin handler authenticates and authorises the caller and lists the endpoint in the OpenAPI
 * document. Then it hands the Jetty exchange over unchanged, and {@code handler} completes the
 * callback.
 *
 * @param path an exact path, for example {@code /metrics}
 * @param requiredRole the lowest role allowed, or null for no token
 */
public record DelegatedEndpoint(
        String method, String path, Role requiredRole, String operationId, String summary, Request.Handler handler) {

    public DelegatedEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(handler, "handler");
    }
}
