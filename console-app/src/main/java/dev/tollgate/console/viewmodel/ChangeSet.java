package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminApiException;
import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.Versioned;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin requests that turn the base revision into an editor's would-be document: the upstream
 * first (the route may name a new one), then the route, then the removal of the route's old id when
 * it was renamed. Each request carries {@code If-Match} with the revision the previous one created,
 * so a change by someone else between them gets 412. These endpoints need the operator role, where
 * {@code PUT /admin/v1/config} needs admin.
 *
 * <p>NOTE: the requests are separate revisions, not one transaction. When a later one fails (412,
 * 422), the earlier ones stay applied, and the 412 flow then shows them as server changes.
 *
 * @param upstream the upstream to send, or null when the edit leaves it as it is
 * @param route the route to send, or null when the edit leaves it as it is
 * @param createRoute true to send the route with {@code POST routes}: a new route, or a renamed one
 * @param removedRouteId the route's id in the base revision when the edit renamed it, else null
 */
record ChangeSet(Upstream upstream, Route route, boolean createRoute, String removedRouteId) {

    static ChangeSet of(GatewayConfig base, String originalRouteId, RouteEditorViewModel.Edit edit) {
        GatewayConfig document = edit.document();
        Upstream editedUpstream = edit.upstreamIndex() < 0 ? null : document.upstreams().get(edit.upstreamIndex());
        Upstream upstream = editedUpstream == null || base.upstream(editedUpstream.id()).equals(Optional.of(editedUpstream))
                ? null : editedUpstream;

        Route editedRoute = document.routes().get(edit.routeIndex());
        Route original = originalRouteId == null ? null : base.route(originalRouteId).orElse(null);
        Route route = editedRoute.equals(original) ? null : editedRoute;
        boolean renamed = original != null && !original.id().equals(editedRoute.id());
        return new ChangeSet(upstream, route, original == null || renamed, renamed ? original.id() : null);
    }

    /** Sends the requests in order, each on the revision the one before created, and returns the last revision. */
    Versioned<GatewayConfig> send(AdminClient admin, long baseRevision) throws IOException, AdminApiException {
        long revision = baseRevision;
        if (upstream != null) {
            revision = admin.replaceUpstream(upstream, revision);
        }
        if (route != null) {
            revision = createRoute ? admin.createRoute(route, revision) : admin.replaceRoute(route, revision);
        }
        if (removedRouteId != null) {
            revision = admin.deleteRoute(removedRouteId, revision);
        }
        return admin.revision(revision);
    }
}
