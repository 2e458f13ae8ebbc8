package dev.tollgate.console.viewmodel;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Upstream;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line of the routes table, as text. */
public record RouteRow(String id, String hosts, String methods, String paths, String upstream, String targets, int priority) {

    public static RouteRow of(Route route, GatewayConfig config) {
        String targets = config.upstream(route.upstream())
                .map(Upstream::targets)
                .map(list -> list.stream().map(target -> target.url() + " ×" + target.weight()).collect(Collectors.joining(", ")))
                .orElse("");
        return new RouteRow(route.id(), String.join(", ", route.match().hosts()), String.join(", ", route.match().methods()),
                String.join(", ", route.match().paths()), route.upstream(), targets, route.priorityOrDefault());
    }

    /** True when any column contains {@code search}, ignoring case; a blank search matches everything. */
    public boolean matches(String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.trim().toLowerCase(Locale.ROOT);
        return (id + "\n" + hosts + "\n" + methods + "\n" + paths + "\n" + upstream + "\n" + targets)
                .toLowerCase(Locale.ROOT).contains(needle);
    }
}
