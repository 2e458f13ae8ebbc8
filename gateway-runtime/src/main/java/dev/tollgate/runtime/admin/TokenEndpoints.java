package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.store.AuditLog;
import dev.tollgate.runtime.store.FileTokenStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code tokens} (admin only) and {@code audit}. */
final class TokenEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoints.class);
    static final int MAX_DESCRIPTION_CHARS = 200;
    static final int DEFAULT_AUDIT_PAGE = 100;
    static final int MAX_AUDIT_PAGE = 1000;

    private final FileTokenStore tokens;
    private final AuditLog auditLog;

    TokenEndpoints(FileTokenStore tokens, AuditLog auditLog) {
        this.tokens = tokens;
        this.auditLog = auditLog;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", AdminPaths.TOKENS, Role.ADMIN, "listTokens",
                        "Every admin token, without secrets", null, 200, this::list),
                new AdminRoute("POST", AdminPaths.TOKENS, Role.ADMIN, "createToken",
                        "Creates a token; the response is the only time its secret is shown",
                        "AdminTokenCreateRequest", 201, this::create),
                new AdminRoute("DELETE", AdminPaths.TOKENS + "/{id}", Role.ADMIN, "revokeToken",
                        "Revokes a token; 409 when it is the last active admin token", null, 200, this::revoke),
                new AdminRoute("GET", AdminPaths.AUDIT, Role.VIEWER, "listAudit",
                        "Audit entries newest first; page with limit and before (a sequence number)", null, 200,
                        this::audit));
    }

    private void list(AdminExchange exchange) {
        exchange.sendJson(200, tokens.list());
    }

    private void create(AdminExchange exchange) throws IOException {
        exchange.bodyFormat(false);
        AdminToken.CreateRequest request;
        try {
            request = ConfigMapper.read(ConfigMapper.json(), exchange.bodyText(), AdminToken.CreateRequest.class);
        } catch (InvalidConfigException e) {
            throw ApiException.invalid("the token request cannot be read; nothing was changed", e.violations());
        }
        List<Violation> violations = new ArrayList<>();
        if (request.role() == null) {
            violations.add(new Violation("role", "is required: viewer, operator or admin"));
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION_CHARS) {
            violations.add(new Violation("description", "must have at most " + MAX_DESCRIPTION_CHARS
                    + " characters, had " + request.description().length()));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("the token request is invalid; nothing was changed", violations);
        }
        AdminToken.CreatedAdminToken created = tokens.create(request.role(), request.description());
        auditLog.append(audit(exchange, "token.create", created.token().id()));
        LOG.info("admin token {} with role {} created by {}", created.token().id(), created.token().role().wireName(),
                exchange.caller().id());
        exchange.setHeader(HttpHeader.LOCATION.asString(), AdminPaths.TOKENS + "/" + created.token().id());
        exchange.sendJson(201, created);
    }

    private void revoke(AdminExchange exchange) {
        String id = exchange.pathParameter("id");
        AdminToken token;
        AdminToken revoked;
        // The store's methods lock the store itself, so holding its monitor makes check and revoke one step.
        synchronized (tokens) {
            token = tokens.find(id).orElseThrow(() -> ApiException.notFound("no admin token has the id \""
                    + id + "\"; list them with GET " + AdminPaths.TOKENS));
            if (token.revokedAt() == null && token.role() == Role.ADMIN && tokens.activeAdminCount() <= 1) {
                throw ApiException.conflict("the token " + id + " is the last active admin token; revoking it "
                        + "would lock every admin out. Create another admin token first");
            }
            revoked = tokens.revoke(id).orElseThrow();
        }
        if (token.revokedAt() == null) {
            auditLog.append(audit(exchange, "token.revoke", id));
            LOG.info("admin token {} revoked by {}", id, exchange.caller().id());
        }
        exchange.sendJson(200, revoked);
    }

    private static AuditEntry audit(AdminExchange exchange, String action, String target) {
        return new AuditEntry(0, null, exchange.caller().id(), action, target, null, null, exchange.peerAddress());
    }

    private void audit(AdminExchange exchange) {
        int limit = (int) exchange.queryParameterAsLong("limit", DEFAULT_AUDIT_PAGE, 1, MAX_AUDIT_PAGE);
        long before = exchange.queryParameterAsLong("before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        exchange.sendJson(200, auditLog.page(before, limit));
    }
}
