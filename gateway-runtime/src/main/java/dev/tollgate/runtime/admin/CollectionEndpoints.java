package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.store.ConfigStore;
import dev.tollgate.runtime.store.StoredConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Create, read, update and delete for one list of the document ({@code routes} or
 * {@code upstreams}). Every change is a new revision of the whole document, validated as a whole,
 * so a dangling reference or a duplicate id is rejected like any other invalid document.
 */
final class CollectionEndpoints<T> {

    /** How to reach one kind of item in the document. */
    record Kind<T>(
            String singular, String plural, String collectionPath, Class<T> type,
            Function<GatewayConfig, List<T>> list, BiFunction<GatewayConfig, List<T>, GatewayConfig> replaceList,
            Function<T, String> id, BiFunction<T, String, T> withId, String schemaName) {}

    static final Kind<Route> ROUTES = new Kind<>("route", "routes", AdminPaths.ROUTES, Route.class,
            GatewayConfig::routes, GatewayConfig::withRoutes, Route::id, Route::withId, "Route");
    static final Kind<Upstream> UPSTREAMS = new Kind<>("upstream", "upstreams", AdminPaths.UPSTREAMS,
            Upstream.class, GatewayConfig::upstreams, GatewayConfig::withUpstreams, Upstream::id, Upstream::withId,
            "Upstream");

    private final Kind<T> kind;
    private final ConfigStore store;
    private final ConfigMutations mutations;

    CollectionEndpoints(Kind<T> kind, ConfigStore store, ConfigMutations mutations) {
        this.kind = kind;
        this.store = store;
        this.mutations = mutations;
    }

    List<AdminRoute> routes() {
        String item = kind.collectionPath() + "/{id}";
        String name = capitalised(kind.singular());
        String names = capitalised(kind.plural());
        return List.of(
                new AdminRoute("GET", kind.collectionPath(), Role.VIEWER, "list" + names,
                        "Every " + kind.singular() + " of the serving revision", null, 200, this::list),
                new AdminRoute("POST", kind.collectionPath(), Role.OPERATOR, "create" + name,
                        "Adds a " + kind.singular() + " as a new revision; 409 when the id exists", kind.schemaName(),
                        201, this::create),
                new AdminRoute("GET", item, Role.VIEWER, "get" + name, "One " + kind.singular(), null, 200, this::get),
                new AdminRoute("PUT", item, Role.OPERATOR, "replace" + name,
                        "Replaces (or adds) the " + kind.singular() + " with this id as a new revision",
                        kind.schemaName(), 200, this::replace),
                new AdminRoute("DELETE", item, Role.OPERATOR, "delete" + name,
                        "Removes the " + kind.singular() + " as a new revision", null, 200, this::delete));
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private void list(AdminExchange exchange) {
        StoredConfig current = store.current();
        exchange.setRevisionHeaders(current.revision());
        exchange.sendJson(200, kind.list().apply(current.config()));
    }

    private void get(AdminExchange exchange) {
        StoredConfig current = store.current();
        String id = exchange.pathParameter("id");
        T found = find(current.config(), id).orElseThrow(() -> notFound(id));
        exchange.setRevisionHeaders(current.revision());
        exchange.sendJson(200, found);
    }

    private void create(AdminExchange exchange) throws IOException {
        T item = readItem(exchange, null);
        String id = kind.id().apply(item);
        if (id == null || id.isBlank()) {
            throw ApiException.invalid("the " + kind.singular() + " has no id; nothing was changed",
                    List.of(new Violation("id", "is required: 1 to 64 letters, digits, '.', '_' or '-'")));
        }
        RevisionSummary committed = mutations.commit(exchange, kind.singular() + ".create", id, base -> {
            if (find(base.config(), id).isPresent()) {
                throw ApiException.conflict("a " + kind.singular() + " with id \"" + id + "\" already exists; "
                        + "replace it with PUT " + kind.collectionPath() + "/" + id);
            }
            List<T> updated = new ArrayList<>(kind.list().apply(base.config()));
            updated.add(item);
            return kind.replaceList().apply(base.config(), updated);
        });
        exchange.setHeader(HttpHeader.LOCATION.asString(), kind.collectionPath() + "/" + id);
        exchange.setRevisionHeaders(committed.revision());
        exchange.sendJson(201, item);
    }

    private void replace(AdminExchange exchange) throws IOException {
        String id = exchange.pathParameter("id");
        T item = readItem(exchange, id);
        RevisionSummary committed = mutations.commit(exchange, kind.singular() + ".update", id, base -> {
            List<T> updated = new ArrayList<>(kind.list().apply(base.config()));
            int index = indexOf(updated, id);
            if (index >= 0) {
                updated.set(index, item);
            } else {
                updated.add(item);
            }
            return kind.replaceList().apply(base.config(), updated);
        });
        exchange.setRevisionHeaders(committed.revision());
        exchange.sendJson(200, item);
    }

    private void delete(AdminExchange exchange) {
        String id = exchange.pathParameter("id");
        RevisionSummary committed = mutations.commit(exchange, kind.singular() + ".delete", id, base -> {
            List<T> updated = new ArrayList<>(kind.list().apply(base.config()));
            int index = indexOf(updated, id);
            if (index < 0) {
                throw notFound(id);
            }
            if (kind == (Kind<?>) UPSTREAMS) {
                rejectReferencedUpstream(base.config(), id);
            }
            updated.remove(index);
            return kind.replaceList().apply(base.config(), updated);
        });
        exchange.setRevisionHeaders(committed.revision());
        exchange.sendJson(200, committed);
    }

    private static void rejectReferencedUpstream(GatewayConfig config, String upstreamId) {
        List<String> routes = config.routes().stream()
                .filter(route -> upstreamId.equals(route.upstream()))
                .map(Route::id)
                .toList();
        if (!routes.isEmpty()) {
            throw ApiException.conflict("the upstream \"" + upstreamId + "\" is used by the routes "
                    + String.join(", ", routes) + "; point them at another upstream or delete them first");
        }
    }

    /** Parses the body as one item; with {@code pathId} the body's id must be absent or equal. */
    private T readItem(AdminExchange exchange, String pathId) throws IOException {
        exchange.bodyFormat(false);
        String text = exchange.bodyText();
        T item;
        try {
            item = ConfigMapper.read(ConfigMapper.json(), text, kind.type());
        } catch (InvalidConfigException e) {
            throw ApiException.invalid("the " + kind.singular() + " cannot be read; nothing was changed",
                    e.violations());
        }
        if (pathId == null) {
            return item;
        }
        String bodyId = kind.id().apply(item);
        if (bodyId == null) {
            return kind.withId().apply(item, pathId);
        }
        if (!bodyId.equals(pathId)) {
            throw ApiException.invalid("the body's id differs from the path's; nothing was changed",
                    List.of(new Violation("id", "is \"" + bodyId + "\" but the path names \"" + pathId
                            + "\"; to rename, create the new id and delete the old one")));
        }
        return item;
    }

    private Optional<T> find(GatewayConfig config, String id) {
        return kind.list().apply(config).stream().filter(item -> id.equals(kind.id().apply(item))).findFirst();
    }

    private int indexOf(List<T> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(kind.id().apply(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private ApiException notFound(String id) {
        return ApiException.notFound("no " + kind.singular() + " has the id \"" + id + "\"; list them with GET "
                + kind.collectionPath());
    }
}
