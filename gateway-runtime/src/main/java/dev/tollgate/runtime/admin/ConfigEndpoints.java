package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.ConfigDiff;
import dev.tollgate.model.api.HealthResponse;
import dev.tollgate.model.api.InfoResponse;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.diff.LineDiff;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.store.ConfigStore;
import dev.tollgate.runtime.store.StoredConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;

/** {@code info}, {@code health} and everything under {@code config}. */
final class ConfigEndpoints {

    private final ConfigStore store;
    private final ConfigMutations mutations;
    private final AdminApiSettings settings;

    ConfigEndpoints(ConfigStore store, ConfigMutations mutations, AdminApiSettings settings) {
        this.store = store;
        this.mutations = mutations;
        this.settings = settings;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", AdminPaths.HEALTH, null, "getHealth",
                        "Health of the runtime; needs no token", null, 200, this::health),
                new AdminRoute("GET", AdminPaths.INFO, Role.VIEWER, "getInfo",
                        "Version, node id, uptime and the serving config revision", null, 200, this::info),
                new AdminRoute("GET", AdminPaths.CONFIG, Role.VIEWER, "getConfig",
                        "The serving document, as YAML or JSON by Accept, with its revision as ETag", null, 200,
                        this::getConfig),
                new AdminRoute("PUT", AdminPaths.CONFIG, Role.ADMIN, "replaceConfig",
                        "Replaces the whole document; needs If-Match with the current revision", "GatewayConfig",
                        200, this::replaceConfig),
                new AdminRoute("POST", AdminPaths.CONFIG_VALIDATE, Role.VIEWER, "validateConfig",
                        "Validates a document without changing anything", "GatewayConfig", 200, this::validate),
                new AdminRoute("GET", AdminPaths.CONFIG_REVISIONS, Role.VIEWER, "listRevisions",
                        "Every stored revision, newest first", null, 200, this::listRevisions),
                new AdminRoute("GET", AdminPaths.CONFIG_REVISIONS + "/{revision}", Role.VIEWER, "getRevision",
                        "The document of one revision, as YAML or JSON by Accept", null, 200, this::getRevision),
                new AdminRoute("GET", AdminPaths.CONFIG_DIFF, Role.VIEWER, "diffRevisions",
                        "Unified diff of the YAML of two revisions (from, to) and the ids that changed", null, 200,
                        this::diff),
                new AdminRoute("POST", AdminPaths.CONFIG_ROLLBACK + "/{revision}", Role.ADMIN, "rollback",
                        "Makes a new revision with the content of an older one", null, 200, this::rollback));
    }

    private void health(AdminExchange exchange) {
        exchange.sendJson(200, new HealthResponse("UP", store.current().revision()));
    }

    private void info(AdminExchange exchange) {
        StoredConfig current = store.current();
        long uptimeSeconds = Duration.between(settings.startedAt(), settings.clock().instant()).toSeconds();
        exchange.sendJson(200, new InfoResponse("Tollgate", settings.version(), settings.nodeId(),
                settings.startedAt(), Math.max(0, uptimeSeconds), current.revision(), current.hash(),
                current.config().routes().size(), current.config().upstreams().size()));
    }

    private void getConfig(AdminExchange exchange) {
        sendDocument(exchange, store.current());
    }

    private void sendDocument(AdminExchange exchange, StoredConfig stored) {
        exchange.setRevisionHeaders(stored.revision());
        if (exchange.acceptsYamlFirst()) {
            exchange.sendText(200, AdminExchange.YAML, ConfigMapper.toYaml(stored.config()));
        } else {
            exchange.sendJson(200, stored.config());
        }
    }

    private void replaceConfig(AdminExchange exchange) throws IOException {
        if (exchange.header(HttpHeader.IF_MATCH) == null) {
            throw new ApiException(428, "Precondition Required", "replacing the config needs If-Match with the "
                    + "current revision's ETag, e.g. If-Match: " + AdminPaths.etag(store.current().revision())
                    + "; read it from GET " + AdminPaths.CONFIG, null, store.current().revision());
        }
        GatewayConfig replacement = readValidDocument(exchange);
        RevisionSummary committed = mutations.commit(exchange, "config.replace", null, base -> replacement);
        exchange.setRevisionHeaders(committed.revision());
        exchange.sendJson(200, committed);
    }

    private void validate(AdminExchange exchange) throws IOException {
        readValidDocument(exchange);
        exchange.sendJson(200, Map.of("valid", true));
    }

    /** Parses the body as JSON or YAML and validates it, failing with 422 listing every violation. */
    static GatewayConfig readValidDocument(AdminExchange exchange) throws IOException {
        AdminExchange.BodyFormat format = exchange.bodyFormat(true);
        String text = exchange.bodyText();
        try {
            return ConfigMapper.parseValid(format == AdminExchange.BodyFormat.YAML ? ConfigMapper.yaml() : ConfigMapper.json(),
                    text);
        } catch (InvalidConfigException e) {
            List<Violation> violations = e.violations();
            throw ApiException.invalid("the document has " + violations.size()
                    + (violations.size() == 1 ? " problem" : " problems") + "; nothing was changed", violations);
        }
    }

    private void listRevisions(AdminExchange exchange) {
        exchange.setRevisionHeaders(store.current().revision());
        exchange.sendJson(200, store.revisions().reversed());
    }

    private void getRevision(AdminExchange exchange) {
        long revision = exchange.pathParameterAsLong("revision");
        sendDocument(exchange, requireRevision(revision));
    }

    private StoredConfig requireRevision(long revision) {
        return store.revision(revision).orElseThrow(() -> ApiException.notFound("revision " + revision
                + " does not exist; list the revisions with GET " + AdminPaths.CONFIG_REVISIONS));
    }

    private void diff(AdminExchange exchange) {
        long currentRevision = store.current().revision();
        long to = exchange.queryParameterAsLong("to", currentRevision, 0, Long.MAX_VALUE);
        long from = exchange.queryParameterAsLong("from", Math.max(0, to - 1), 0, Long.MAX_VALUE);
        StoredConfig older = requireRevision(from);
        StoredConfig newer = requireRevision(to);
        exchange.sendJson(200, diff(older, newer));
    }

    static ConfigDiff diff(StoredConfig older, StoredConfig newer) {
        String unified = LineDiff.unified(ConfigMapper.toYaml(older.config()), ConfigMapper.toYaml(newer.config()),
                "revision " + older.revision(), "revision " + newer.revision());
        IdChanges routes = IdChanges.of(older.config().routes(), newer.config().routes(), Route::id);
        IdChanges upstreams = IdChanges.of(older.config().upstreams(), newer.config().upstreams(), Upstream::id);
        return new ConfigDiff(older.revision(), newer.revision(), unified,
                routes.added(), routes.removed(), routes.changed(),
                upstreams.added(), upstreams.removed(), upstreams.changed());
    }

    private record IdChanges(List<String> added, List<String> removed, List<String> changed) {

        static <T> IdChanges of(List<T> before, List<T> after, Function<T, String> id) {
            Map<String, T> beforeById = before.stream().collect(Collectors.toMap(id, item -> item, (x, y) -> x));
            Map<String, T> afterById = after.stream().collect(Collectors.toMap(id, item -> item, (x, y) -> x));
            List<String> added = new ArrayList<>(new TreeSet<>(afterById.keySet()));
            added.removeAll(beforeById.keySet());
            List<String> removed = new ArrayList<>(new TreeSet<>(beforeById.keySet()));
            removed.removeAll(afterById.keySet());
            List<String> changed = new ArrayList<>();
            for (String key : new TreeSet<>(afterById.keySet())) {
                if (beforeById.containsKey(key) && !Objects.equals(beforeById.get(key), afterById.get(key))) {
                    changed.add(key);
                }
            }
            return new IdChanges(added, removed, changed);
        }
    }

    private void rollback(AdminExchange exchange) {
        long revision = exchange.pathParameterAsLong("revision");
        StoredConfig target = requireRevision(revision);
        RevisionSummary committed = mutations.commit(exchange, "config.rollback", "revision " + revision,
                base -> target.config());
        exchange.setRevisionHeaders(committed.revision());
        exchange.sendJson(200, committed);
    }
}
