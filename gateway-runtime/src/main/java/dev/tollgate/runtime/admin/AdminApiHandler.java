package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.Problem;
import dev.tollgate.model.api.Role;
import dev.tollgate.runtime.store.ConfigStore;
import dev.tollgate.runtime.store.CorruptStoreException;
import dev.tollgate.runtime.store.FileTokenStore;
import dev.tollgate.runtime.store.StoreWriteException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API as a Jetty core handler, meant as the only handler of the admin connector. It
 * routes by one table ({@link #routes()}), which also generates {@code /admin/v1/openapi.json}.
 *
 * <p>Endpoints block on file I/O (every commit is fsynced), which suits the admin port: the handler
 * keeps Jetty's default blocking invocation type, so Jetty calls it on a pool thread.
 */
public final class AdminApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApiHandler.class);
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final AdminAuthenticator authenticator;
    private final AdminApiSettings settings;
    private final List<AdminRoute> routes;

    public AdminApiHandler(ConfigStore store, FileTokenStore tokens, AuthFailureMonitor authFailures,
            AdminApiSettings settings, List<DelegatedEndpoint> delegated) {
        this.authenticator = new AdminAuthenticator(tokens, authFailures);
        this.settings = settings;
        ConfigMutations mutations = new ConfigMutations(store);
        List<AdminRoute> table = new ArrayList<>();
        table.addAll(new ConfigEndpoints(store, mutations, settings).routes());
        table.addAll(new CollectionEndpoints<>(CollectionEndpoints.ROUTES, store, mutations).routes());
        table.addAll(new CollectionEndpoints<>(CollectionEndpoints.UPSTREAMS, store, mutations).routes());
        table.addAll(new TokenEndpoints(tokens, store.auditLog()).routes());
        for (DelegatedEndpoint endpoint : delegated) {
            table.add(delegate(endpoint));
        }
        table.add(new AdminRoute("GET", AdminPaths.OPENAPI, Role.VIEWER, "getOpenApi",
                "This OpenAPI document", null, 200, this::openApi));
        this.routes = List.copyOf(table);
    }

    /** Returns the route table, in routing order. */
    List<AdminRoute> routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        AdminExchange exchange = new AdminExchange(request, response, callback, newRequestId(), settings.maxBodyBytes());
        response.getHeaders().put(REQUEST_ID_HEADER, exchange.requestId());
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] admin request {} {} from {}", exchange.requestId(), exchange.method(), exchange.path(),
                    exchange.peerAddress());
        }
        try {
            Resolved resolved = resolve(exchange);
            authenticateUnlessPublic(exchange, resolved);
            AdminRoute route = requireRoute(exchange, resolved);
            authorize(exchange, route);
            exchange.pathParameters(resolved.parameters());
            route.endpoint().handle(exchange);
        } catch (ApiException e) {
            sendProblem(exchange, e);
        } catch (StoreWriteException | CorruptStoreException e) {
            LOG.error("[{}] admin request {} {} failed in the data dir", exchange.requestId(), exchange.method(),
                    exchange.path(), e);
            sendProblem(exchange, new ApiException(500, "Internal Server Error", e.getMessage()));
        } catch (Exception e) {
            LOG.error("[{}] admin request {} {} failed", exchange.requestId(), exchange.method(), exchange.path(), e);
            sendProblem(exchange, new ApiException(500, "Internal Server Error",
                    "the request failed; the runtime's log has the details under request id " + exchange.requestId()));
        }
        return true;
    }

    /** The route for the path and method, or what the path alone matched. */
    private record Resolved(AdminRoute route, Map<String, String> parameters, TreeSet<String> allowedMethods) {}

    private Resolved resolve(AdminExchange exchange) {
        List<String> segments = List.of(exchange.path().substring(1).split("/", -1));
        TreeSet<String> allowed = new TreeSet<>();
        for (AdminRoute route : routes) {
            Map<String, String> parameters = route.match(segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(exchange.method())) {
                return new Resolved(route, parameters, allowed);
            }
            allowed.add(route.method());
        }
        return new Resolved(null, Map.of(), allowed);
    }

    /** Authenticates every request except those for a public route, so unknown paths do not leak to strangers. */
    private void authenticateUnlessPublic(AdminExchange exchange, Resolved resolved) {
        if (resolved.route() != null && resolved.route().requiredRole() == null) {
            return;
        }
        AdminToken caller = authenticator.authenticate(exchange);
        exchange.caller(caller);
    }

    private static AdminRoute requireRoute(AdminExchange exchange, Resolved resolved) {
        if (resolved.route() != null) {
            return resolved.route();
        }
        if (!resolved.allowedMethods().isEmpty()) {
            exchange.setHeader(HttpHeader.ALLOW.asString(), String.join(", ", resolved.allowedMethods()));
            throw new ApiException(405, "Method Not Allowed", exchange.method() + " is not supported on "
                    + exchange.path() + "; use " + String.join(", ", resolved.allowedMethods()));
        }
        throw ApiException.notFound("no admin endpoint at " + exchange.path() + "; the endpoints are listed in "
                + AdminPaths.OPENAPI);
    }

    private void authorize(AdminExchange exchange, AdminRoute route) {
        if (route.requiredRole() != null && !exchange.caller().role().allows(route.requiredRole())) {
            throw authenticator.forbidden(exchange, exchange.caller(), route);
        }
    }

    private static AdminRoute delegate(DelegatedEndpoint endpoint) {
        return new AdminRoute(endpoint.method(), endpoint.path(), endpoint.requiredRole(), endpoint.operationId(),
                endpoint.summary(), null, 200, exchange -> {
                    exchange.markDelegated();
                    try {
                        if (!endpoint.handler().handle(exchange.request(), exchange.response(), exchange.callback())) {
                            Response.writeError(exchange.request(), exchange.response(), exchange.callback(), 404);
                        }
                    } catch (Exception e) {
                        // The delegate owns the response now, so only Jetty can still end it (500, or an abort once committed).
                        LOG.error("[{}] delegated admin endpoint {} {} failed", exchange.requestId(), exchange.method(),
                                exchange.path(), e);
                        Response.writeError(exchange.request(), exchange.response(), exchange.callback(), e);
                    }
                });
    }

    private void openApi(AdminExchange exchange) {
        exchange.sendJson(200, OpenApiDocument.build(routes, settings.version()));
    }

    private void sendProblem(AdminExchange exchange, ApiException e) {
        if (exchange.isSent()) {
            LOG.warn("[{}] admin request {} {} failed after its response started: {}", exchange.requestId(),
                    exchange.method(), exchange.path(), e.getMessage());
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] admin request {} {} answered {}: {}", exchange.requestId(), exchange.method(),
                    exchange.path(), e.status(), e.getMessage());
        }
        Problem problem = Problem.of(e.status(), e.title(), e.getMessage(), exchange.requestId())
                .withInstance(exchange.path());
        if (e.violations() != null) {
            problem = problem.withErrors(e.violations());
        }
        if (e.currentRevision() != null) {
            problem = problem.withCurrentRevision(e.currentRevision());
        }
        exchange.sendProblem(problem);
    }

    private static String newRequestId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
