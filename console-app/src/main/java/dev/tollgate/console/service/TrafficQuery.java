package dev.tollgate.console.service;

/**
 * Filters for {@code GET traffic/recent}; a null or blank filter is left out of the request.
 *
 * @param status an exact status such as {@code 503} or a class such as {@code 5xx}
 * @param limit the maximum number of records to return, 1 to 1000
 */
public record TrafficQuery(String routeId, String status, String consumerId, int limit) {

    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("[1-5][0-9][0-9]|[1-5]xx");

    public TrafficQuery {
        if (status != null && !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("traffic status filter \"" + status
                    + "\" is invalid; use a status such as 503 or a class such as 5xx");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("traffic query limit must be between 1 and 1000, was " + limit);
        }
    }

    public static TrafficQuery forRoute(String routeId) {
        return new TrafficQuery(routeId, null, null, 200);
    }
}
