package dev.tollgate.runtime.telemetry;

import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.Fields;

/**
 * A recent-traffic filter from the query string.
 *
 * @param routeId only this route, or null for all
 * @param exactStatus only this status, or 0
 * @param statusClass only this class (1 for 1xx up to 5 for 5xx), or 0
 * @param consumerId only this consumer, or null
 * @param limit at most this many records, newest first
 */
record RecentTrafficQuery(String routeId, int exactStatus, int statusClass, String consumerId, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /** Every query parameter {@link #parse} reads, in the order the error message lists them. */
    static final List<String> PARAMETER_NAMES = List.of("route", "status", "consumer", "limit");

    static RecentTrafficQuery parse(Fields parameters) {
        rejectUnknownParameters(parameters);
        String route = single(parameters, "route");
        String status = single(parameters, "status");
        String consumer = single(parameters, "consumer");
        String limitText = single(parameters, "limit");

        int exactStatus = 0;
        int statusClass = 0;
        if (status != null) {
            String normalized = status.toLowerCase(Locale.ROOT);
            if (normalized.matches("[1-5]xx")) {
                statusClass = normalized.charAt(0) - '0';
            } else if (normalized.matches("[1-5][0-9][0-9]")) {
                exactStatus = Integer.parseInt(normalized);
            } else {
                throw new IllegalArgumentException("status \"" + status
                        + "\" is invalid; use a status such as 503 or a class such as 5xx");
            }
        }

        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit \"" + limitText + "\" is invalid; use a whole number from 1 to "
                        + MAX_LIMIT);
            }
        }
        return new RecentTrafficQuery(route, exactStatus, statusClass, consumer, limit);
    }

    boolean matches(CompletedExchange exchange) {
        if (exactStatus != 0 && exchange.status() != exactStatus) {
            return false;
        }
        if (statusClass != 0 && exchange.status() / 100 != statusClass) {
            return false;
        }
        return consumerId == null || consumerId.equals(exchange.consumerId());
    }

    /** Rejects a misspelled parameter, which would otherwise be ignored and return unfiltered traffic. */
    private static void rejectUnknownParameters(Fields parameters) {
        for (String name : parameters.getNames()) {
            if (!PARAMETER_NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter \"" + name
                        + "\"; known parameters are " + String.join(", ", PARAMETER_NAMES));
            }
        }
    }

    private static String single(Fields parameters, String name) {
        Fields.Field field = parameters.get(name);
        if (field == null) {
            return null;
        }
        if (field.getValues().size() > 1) {
            throw new IllegalArgumentException(name + " is given " + field.getValues().size() + " times; give it once");
        }
        String value = field.getValue();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty; give a value or leave the parameter out");
        }
        return value;
    }
}
