package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminToken;
import dev.tollgate.runtime.store.FileTokenStore;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Checks {@code Authorization: Bearer <token>} (RFC 6750) against the token store, and records
 * every failure with {@link AuthFailureMonitor}.
 */
final class AdminAuthenticator {

    private static final String BEARER = "bearer ";

    private final FileTokenStore tokens;
    private final AuthFailureMonitor failures;

    AdminAuthenticator(FileTokenStore tokens, AuthFailureMonitor failures) {
        this.tokens = tokens;
        this.failures = failures;
    }

    /** Returns the caller's token, or throws 401 after recording the failure. */
    AdminToken authenticate(AdminExchange exchange) {
        String authorization = exchange.header(HttpHeader.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized(exchange, AuthFailureMonitor.MISSING, "no Authorization header", false);
        }
        // Authorization is not a list header (RFC 9110 section 11.6.2), and a proxy in front may
        // pick a different one of two than this server would, so two are rejected outright.
        if (exchange.headerCount(HttpHeader.AUTHORIZATION) > 1) {
            throw unauthorized(exchange, AuthFailureMonitor.MALFORMED, "the request has more than one Authorization header",
                    false);
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw unauthorized(exchange, AuthFailureMonitor.MALFORMED, "the Authorization header is not \"Bearer <token>\"",
                    false);
        }
        String presented = authorization.substring(BEARER.length()).strip();
        Optional<AdminToken> token = tokens.authenticate(presented);
        if (token.isPresent()) {
            return token.get();
        }
        if (tokens.isRevoked(presented)) {
            throw unauthorized(exchange, AuthFailureMonitor.REVOKED, "the token was revoked", true);
        }
        throw unauthorized(exchange, AuthFailureMonitor.UNKNOWN, "the token matches no admin token", true);
    }

    /** Records a role that is too low; the caller's token id is logged, never the token. */
    ApiException forbidden(AdminExchange exchange, AdminToken caller, AdminRoute route) {
        failures.record(AuthFailureMonitor.FORBIDDEN, exchange.peerAddress(), exchange.method(), exchange.path(),
                "token " + caller.id() + " has role " + caller.role().wireName() + " but "
                        + route.requiredRole().wireName() + " is required");
        return new ApiException(403, "Forbidden", "this endpoint needs the " + route.requiredRole().wireName()
                + " role; the token " + caller.id() + " has the " + caller.role().wireName() + " role");
    }

    private ApiException unauthorized(AdminExchange exchange, String reason, String detail, boolean tokenPresented) {
        failures.record(reason, exchange.peerAddress(), exchange.method(), exchange.path(), detail);
        // RFC 6750 section 3: a request with a token that failed gets error="invalid_token".
        exchange.setHeader(HttpHeader.WWW_AUTHENTICATE.asString(), tokenPresented
                ? "Bearer realm=\"tollgate-admin\", error=\"invalid_token\""
                : "Bearer realm=\"tollgate-admin\"");
        return new ApiException(401, "Unauthorized", detail + "; send Authorization: Bearer <admin token>");
    }
}
