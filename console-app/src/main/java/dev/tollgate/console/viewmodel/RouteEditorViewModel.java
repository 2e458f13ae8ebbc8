package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminApiException;
import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.Versioned;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Timeouts;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.diff.LineDiff;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.model.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visual route editor. It turns its fields into the would-be document (the base revision with
 * this route and its upstream replaced), validates that with {@link ConfigValidator} before anything
 * is sent, previews the YAML diff, and applies it through the route and upstream endpoints with
 * {@code If-Match: "<base revision>"} (see {@link ChangeSet}), which the operator role may call. A 412
 * loads the server's current document and shows what changed there; {@link #rebaseOntoServer()}
 * then redoes the same edit on top of it.
 */
public final class RouteEditorViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(RouteEditorViewModel.class);
    private static final String NO_CHANGES = "No changes";

    /** The three mutually exclusive rewrites, plus none, as the editor offers them. */
    public enum RewriteKind {
        NONE("no rewrite"), STRIP_PREFIX("strip prefix"), REPLACE_PREFIX("replace prefix"), TEMPLATE("template");

        private final String label;

        RewriteKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The outcome of turning the fields into a document. */
    public record Edit(GatewayConfig document, int routeIndex, int upstreamIndex) {}

    private final BackgroundTasks tasks;
    private final ObservableValue<AdminClient> client;
    private final Runnable onApplied;

    private final StringProperty id = new SimpleStringProperty("");
    private final StringProperty paths = new SimpleStringProperty("");
    private final StringProperty methods = new SimpleStringProperty("");
    private final StringProperty hosts = new SimpleStringProperty("");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty upstreamId = new SimpleStringProperty("");
    private final ObjectProperty<Balancer> balancer = new SimpleObjectProperty<>(Balancer.ROUND_ROBIN);
    private final ObservableList<TargetRow> targets = FXCollections.observableArrayList(
            row -> new Observable[] {row.urlProperty(), row.weightProperty()});
    private final ObjectProperty<RewriteKind> rewriteKind = new SimpleObjectProperty<>(RewriteKind.NONE);
    private final StringProperty rewriteValue = new SimpleStringProperty("");
    private final StringProperty rewriteReplacement = new SimpleStringProperty("");
    private final StringProperty connectTimeoutMillis = new SimpleStringProperty("");
    private final StringProperty responseTimeoutMillis = new SimpleStringProperty("");
    private final StringProperty priority = new SimpleStringProperty("");

    private final ObservableMap<EditorField, String> fieldErrors = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableList<String> generalErrors = FXCollections.observableArrayList();
    private final StringProperty diffPreview = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty editing = new SimpleBooleanProperty();
    private final BooleanProperty modified = new SimpleBooleanProperty();
    /** True while {@link #edit} or {@link #newRoute} fill the fields, so those changes do not count as the user's. */
    private boolean loading;
    private final BooleanProperty conflict = new SimpleBooleanProperty();
    private final StringProperty conflictDiff = new SimpleStringProperty("");
    private final ObservableList<String> upstreamIds = FXCollections.observableArrayList();
    private final ObjectProperty<Versioned<GatewayConfig>> base = new SimpleObjectProperty<>();

    /** Id of the route being edited in the base document, or null for a new route. */
    private String originalRouteId;
    private final StringProperty editedRouteId = new SimpleStringProperty();
    private Versioned<GatewayConfig> serverVersion;

    public RouteEditorViewModel(BackgroundTasks tasks, ObservableValue<AdminClient> client, Runnable onApplied) {
        this.tasks = tasks;
        this.client = client;
        this.onApplied = onApplied;
        upstreamId.addListener((observable, before, after) -> loadTargetsOf(after));
        InvalidationListener markModified = observable -> {
            if (!loading && editing.get()) {
                modified.set(true);
            }
        };
        for (Observable field : List.of(id, paths, methods, hosts, headers, query, upstreamId, balancer, targets, rewriteKind,
                rewriteValue, rewriteReplacement, connectTimeoutMillis, responseTimeoutMillis, priority)) {
            field.addListener(markModified);
        }
    }

    /** Loads {@code routeId} from {@code document} into the fields. */
    public void edit(Versioned<GatewayConfig> document, String routeId) {
        Route route = document.value().route(routeId).orElseThrow(() -> new IllegalArgumentException(
                "route \"" + routeId + "\" is not in revision " + document.revision()));
        loading = true;
        try {
            load(document, route);
        } finally {
            loading = false;
        }
        modified.set(false);
    }

    private void load(Versioned<GatewayConfig> document, Route route) {
        start(document, route.id());
        RouteMatch match = route.match();
        id.set(route.id());
        paths.set(String.join("\n", match.paths()));
        methods.set(String.join(", ", match.methods()));
        hosts.set(String.join(", ", match.hosts()));
        headers.set(formatPairs(match.headers(), ": "));
        query.set(formatPairs(match.query(), "="));
        loadRewrite(route.rewrite());
        connectTimeoutMillis.set(route.timeouts() == null || route.timeouts().connectMillis() == null ? ""
                : route.timeouts().connectMillis().toString());
        responseTimeoutMillis.set(route.timeouts() == null || route.timeouts().responseMillis() == null ? ""
                : route.timeouts().responseMillis().toString());
        priority.set(route.priority() == null ? "" : route.priority().toString());
        upstreamId.set(route.upstream() == null ? "" : route.upstream());
        loadTargetsOf(upstreamId.get());
    }

    /** Empties the fields for a route that does not exist yet. */
    public void newRoute(Versioned<GatewayConfig> document) {
        loading = true;
        try {
            loadNewRoute(document);
        } finally {
            loading = false;
        }
        modified.set(false);
    }

    private void loadNewRoute(Versioned<GatewayConfig> document) {
        start(document, null);
        id.set("");
        paths.set("/");
        methods.set("");
        hosts.set("");
        headers.set("");
        query.set("");
        loadRewrite(null);
        connectTimeoutMillis.set("");
        responseTimeoutMillis.set("");
        priority.set("");
        String firstUpstream = document.value().upstreams().isEmpty() ? "" : document.value().upstreams().getFirst().id();
        upstreamId.set(firstUpstream);
        loadTargetsOf(firstUpstream);
    }

    private void start(Versioned<GatewayConfig> document, String routeId) {
        base.set(document);
        originalRouteId = routeId;
        editedRouteId.set(routeId);
        serverVersion = null;
        conflict.set(false);
        conflictDiff.set("");
        diffPreview.set("");
        message.set("");
        clearErrors();
        upstreamIds.setAll(document.value().upstreams().stream().map(Upstream::id).toList());
        editing.set(true);
    }

    /** Builds the would-be document from the fields; on a field that cannot be parsed, marks it and returns empty. */
    public Optional<Edit> buildEdit() {
        clearErrors();
        Versioned<GatewayConfig> document = base.get();
        if (document == null) {
            generalErrors.add("Choose a route to edit first");
            return Optional.empty();
        }
        Long connect = parseLong(connectTimeoutMillis.get(), EditorField.CONNECT_TIMEOUT, "milliseconds");
        Long response = parseLong(responseTimeoutMillis.get(), EditorField.RESPONSE_TIMEOUT, "milliseconds");
        Integer routePriority = parseInteger(priority.get(), EditorField.PRIORITY);
        List<Target> parsedTargets = parseTargets();
        Rewrite rewrite = buildRewrite();
        if (!fieldErrors.isEmpty()) {
            return Optional.empty();
        }

        GatewayConfig config = document.value();
        Route original = originalRouteId == null ? null : config.route(originalRouteId).orElse(null);
        RouteMatch match = new RouteMatch(splitLines(paths.get()), splitWords(methods.get()).stream()
                .map(method -> method.toUpperCase(Locale.ROOT)).toList(), splitWords(hosts.get()),
                parsePairs(headers.get(), ':'), parsePairs(query.get(), '='));
        Timeouts timeouts = connect == null && response == null ? null : new Timeouts(connect, response);
        Route route = new Route(id.get().trim(), match, upstreamId.get().trim(), rewrite, routePriority, timeouts,
                original == null ? null : original.responseRewrite(), original == null ? null : original.preserveHost());

        List<Route> routes = new ArrayList<>(config.routes());
        int routeIndex = original == null ? -1 : routes.indexOf(original);
        if (routeIndex < 0) {
            routes.add(route);
            routeIndex = routes.size() - 1;
        } else {
            routes.set(routeIndex, route);
        }

        List<Upstream> upstreams = new ArrayList<>(config.upstreams());
        int upstreamIndex = -1;
        String upstream = upstreamId.get().trim();
        if (!upstream.isEmpty()) {
            Upstream existing = config.upstream(upstream).orElse(null);
            Upstream edited = existing == null
                    ? new Upstream(upstream, parsedTargets, balancer.get(), null, null, null, null, null, null, null, null)
                    : withBalancer(existing.withTargets(parsedTargets), balancer.get());
            if (existing == null) {
                upstreams.add(edited);
                upstreamIndex = upstreams.size() - 1;
            } else {
                upstreamIndex = upstreams.indexOf(existing);
                upstreams.set(upstreamIndex, edited);
            }
        }
        return Optional.of(new Edit(new GatewayConfig(config.gateway(), upstreams, routes), routeIndex, upstreamIndex));
    }

    /** Validates the would-be document with the shared rules and marks the fields; returns true when it is valid. */
    public boolean validate() {
        Optional<Edit> edit = buildEdit();
        if (edit.isEmpty()) {
            return false;
        }
        showViolations(ConfigValidator.validate(edit.get().document()), edit.get());
        return fieldErrors.isEmpty() && generalErrors.isEmpty();
    }

    /** Computes the YAML diff between the base revision and the edit; returns false when the edit is invalid. */
    public boolean preview() {
        if (!validate()) {
            diffPreview.set("");
            message.set("Fix the marked fields first");
            return false;
        }
        Edit edit = buildEdit().orElseThrow();
        String diff = LineDiff.unified(ConfigMapper.toYaml(base.get().value()), ConfigMapper.toYaml(edit.document()),
                "revision " + base.get().revision(), "your edit");
        diffPreview.set(diff.isEmpty() ? NO_CHANGES : diff);
        message.set(diff.isEmpty() ? "The edit changes nothing" : "Review the diff, then apply");
        return true;
    }

    /** Sends the edit with {@code If-Match}; on 412 shows the server's changes, on 422 marks the fields. */
    public void apply() {
        AdminClient admin = client.getValue();
        if (admin == null) {
            message.set("Not connected");
            return;
        }
        if (!preview()) {
            return;
        }
        Edit edit = buildEdit().orElseThrow();
        if (diffPreview.get().equals(NO_CHANGES)) {
            return;
        }
        long expectedRevision = base.get().revision();
        ChangeSet changes = ChangeSet.of(base.get().value(), originalRouteId, edit);
        busy.set(true);
        message.set("Applying on top of revision " + expectedRevision + "…");
        tasks.run("apply route " + id.get(), () -> changes.send(admin, expectedRevision), applied -> {
            busy.set(false);
            LOG.info("Applied route {} as config revision {}", id.get(), applied.revision());
            originalRouteId = id.get().trim();
            editedRouteId.set(originalRouteId);
            base.set(applied);
            upstreamIds.setAll(applied.value().upstreams().stream().map(Upstream::id).toList());
            diffPreview.set("");
            conflict.set(false);
            modified.set(false);
            message.set("Applied as revision " + applied.revision());
            onApplied.run();
        }, failure -> {
            busy.set(false);
            if (failure instanceof AdminApiException api && api.isConflict()) {
                loadConflict(admin, expectedRevision);
            } else if (failure instanceof AdminApiException api && api.isInvalid()) {
                showViolations(api.violations(), edit);
                message.set("The runtime rejected the edit: " + api.getMessage());
            } else if (failure instanceof AdminApiException api && api.status() == 403) {
                message.set("Applying failed: the runtime rejected the token for this change (403). Route and "
                        + "upstream changes need the operator or admin role; a viewer token cannot make them");
                LOG.warn("Applying route {} was forbidden: {}", id.get(), failure.toString());
            } else {
                message.set("Applying failed: " + failure.getMessage());
                LOG.warn("Applying route {} failed: {}", id.get(), failure.toString());
            }
        });
    }

    /** After a 412: takes the server's current document as the new base and keeps the edit in the fields. */
    public void rebaseOntoServer() {
        if (serverVersion == null) {
            message.set("There is no newer server revision to rebase onto");
            return;
        }
        base.set(serverVersion);
        upstreamIds.setAll(serverVersion.value().upstreams().stream().map(Upstream::id).toList());
        if (originalRouteId != null && serverVersion.value().route(originalRouteId).isEmpty()) {
            originalRouteId = null;
            editedRouteId.set(null);
        }
        serverVersion = null;
        conflict.set(false);
        conflictDiff.set("");
        if (preview()) {
            message.set("Your edit now sits on top of revision " + base.get().revision() + "; review the diff and apply again");
        }
    }

    public void cancel() {
        editing.set(false);
        modified.set(false);
        base.set(null);
        originalRouteId = null;
        editedRouteId.set(null);
        clearErrors();
        diffPreview.set("");
        message.set("");
        conflict.set(false);
    }

    public void addTarget() {
        targets.add(new TargetRow("http://127.0.0.1:", "1"));
    }

    public void removeTarget(TargetRow row) {
        targets.remove(row);
    }

    private void loadConflict(AdminClient admin, long expectedRevision) {
        tasks.run("load the server's current config", admin::config, current -> {
            serverVersion = current;
            String diff = LineDiff.unified(ConfigMapper.toYaml(base.get().value()), ConfigMapper.toYaml(current.value()),
                    "revision " + expectedRevision + " (your base)", "revision " + current.revision() + " (server)");
            conflictDiff.set(diff.isEmpty() ? "The server's document has the same content under a new revision" : diff);
            conflict.set(true);
            message.set("Revision " + expectedRevision + " is no longer current: the server serves revision "
                    + current.revision() + ". Review its changes, then redo your edit on top of it");
        }, failure -> message.set("The server reported a newer revision, and loading it failed: " + failure.getMessage()));
    }

    private void showViolations(List<Violation> violations, Edit edit) {
        for (Violation violation : violations) {
            Optional<EditorField> field = EditorField.forViolation(violation.field(), edit.routeIndex(), edit.upstreamIndex());
            if (field.isPresent()) {
                fieldErrors.merge(field.get(), violation.message(), (first, second) -> first + "\n" + second);
            } else {
                generalErrors.add(violation.toString());
            }
        }
    }

    private void loadTargetsOf(String upstream) {
        Versioned<GatewayConfig> document = base.get();
        if (document == null || upstream == null) {
            return;
        }
        document.value().upstream(upstream.trim()).ifPresent(existing -> {
            targets.setAll(existing.targets().stream()
                    .map(target -> new TargetRow(target.url(), target.weight().toString()))
                    .toList());
            balancer.set(existing.balancer() == null ? Balancer.ROUND_ROBIN : existing.balancer());
        });
    }

    private void loadRewrite(Rewrite rewrite) {
        rewriteValue.set("");
        rewriteReplacement.set("");
        if (rewrite == null) {
            rewriteKind.set(RewriteKind.NONE);
        } else if (rewrite.stripPrefix() != null) {
            rewriteKind.set(RewriteKind.STRIP_PREFIX);
            rewriteValue.set(rewrite.stripPrefix());
        } else if (rewrite.replacePrefix() != null) {
            rewriteKind.set(RewriteKind.REPLACE_PREFIX);
            rewriteValue.set(rewrite.replacePrefix().from() == null ? "" : rewrite.replacePrefix().from());
            rewriteReplacement.set(rewrite.replacePrefix().to() == null ? "" : rewrite.replacePrefix().to());
        } else if (rewrite.template() != null) {
            rewriteKind.set(RewriteKind.TEMPLATE);
            rewriteValue.set(rewrite.template());
        } else {
            rewriteKind.set(RewriteKind.NONE);
        }
    }

    private Rewrite buildRewrite() {
        String value = rewriteValue.get().trim();
        return switch (rewriteKind.get()) {
            case NONE -> null;
            case STRIP_PREFIX -> new Rewrite(value, null, null);
            case REPLACE_PREFIX -> new Rewrite(null, new Rewrite.PrefixReplacement(value, rewriteReplacement.get().trim()), null);
            case TEMPLATE -> new Rewrite(null, null, value);
        };
    }

    private List<Target> parseTargets() {
        List<Target> parsed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetRow row = targets.get(i);
            String weight = row.weightProperty().get() == null ? "" : row.weightProperty().get().trim();
            Integer parsedWeight = null;
            if (!weight.isEmpty()) {
                try {
                    parsedWeight = Integer.valueOf(weight);
                } catch (NumberFormatException e) {
                    fieldErrors.merge(EditorField.TARGETS, "target " + (i + 1) + ": weight \"" + weight
                            + "\" is not a whole number", (first, second) -> first + "\n" + second);
                }
            }
            parsed.add(new Target(row.urlProperty().get() == null ? "" : row.urlProperty().get().trim(), parsedWeight));
        }
        return parsed;
    }

    private Long parseLong(String text, EditorField field, String unit) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            fieldErrors.put(field, "\"" + text.trim() + "\" is not a whole number of " + unit);
            return null;
        }
    }

    private Integer parseInteger(String text, EditorField field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            fieldErrors.put(field, "\"" + text.trim() + "\" is not a whole number");
            return null;
        }
    }

    private void clearErrors() {
        fieldErrors.clear();
        generalErrors.clear();
    }

    private static Upstream withBalancer(Upstream upstream, Balancer balancer) {
        Balancer effective = balancer == Balancer.ROUND_ROBIN && upstream.balancer() == null ? null : balancer;
        return new Upstream(upstream.id(), upstream.targets(), effective, upstream.hashOn(), upstream.connectTimeoutMillis(),
                upstream.idleTimeoutMillis(), upstream.maxConnectionsPerTarget(), upstream.passiveHealth(),
                upstream.healthCheck(), upstream.circuitBreaker(), upstream.retry());
    }

    static List<String> splitLines(String text) {
        return Arrays.stream(text == null ? new String[0] : text.split("[\\n,]"))
                .map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    static List<String> splitWords(String text) {
        return Arrays.stream(text == null ? new String[0] : text.split("[\\s,]+"))
                .map(String::trim).filter(word -> !word.isEmpty()).toList();
    }

    /** Parses {@code name<separator>value} lines; a line without a value requires only presence ({@code *}). */
    static Map<String, String> parsePairs(String text, char separator) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : splitLines(text)) {
            int at = line.indexOf(separator);
            if (at < 0) {
                pairs.put(line, RouteMatch.ANY_VALUE);
            } else {
                String value = line.substring(at + 1).trim();
                pairs.put(line.substring(0, at).trim(), value.isEmpty() ? RouteMatch.ANY_VALUE : value);
            }
        }
        return pairs;
    }

    private static String formatPairs(Map<String, String> pairs, String separator) {
        return pairs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + separator + entry.getValue())
                .reduce((first, second) -> first + "\n" + second).orElse("");
    }

    public StringProperty idProperty() { return id; }
    public StringProperty pathsProperty() { return paths; }
    public StringProperty methodsProperty() { return methods; }
    public StringProperty hostsProperty() { return hosts; }
    public StringProperty headersProperty() { return headers; }
    public StringProperty queryProperty() { return query; }
    public StringProperty upstreamIdProperty() { return upstreamId; }
    public ObjectProperty<Balancer> balancerProperty() { return balancer; }
    public ObservableList<TargetRow> targets() { return targets; }
    public ObjectProperty<RewriteKind> rewriteKindProperty() { return rewriteKind; }
    public StringProperty rewriteValueProperty() { return rewriteValue; }
    public StringProperty rewriteReplacementProperty() { return rewriteReplacement; }
    public StringProperty connectTimeoutMillisProperty() { return connectTimeoutMillis; }
    public StringProperty responseTimeoutMillisProperty() { return responseTimeoutMillis; }
    public StringProperty priorityProperty() { return priority; }
    public ObservableMap<EditorField, String> fieldErrors() { return fieldErrors; }
    public ObservableList<String> generalErrors() { return generalErrors; }
    public StringProperty diffPreviewProperty() { return diffPreview; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty editingProperty() { return editing; }
    /** True once the user changed a field since the route was loaded or applied; Apply is enabled only then. */
    public BooleanProperty modifiedProperty() { return modified; }
    public BooleanProperty conflictProperty() { return conflict; }
    public StringProperty conflictDiffProperty() { return conflictDiff; }
    public ObservableList<String> upstreamIds() { return upstreamIds; }
    public ObjectProperty<Versioned<GatewayConfig>> baseProperty() { return base; }

    /** Id of the route the editor changes, as it is in the base revision; null for a new route or none. */
    public StringProperty editedRouteIdProperty() { return editedRouteId; }
}
