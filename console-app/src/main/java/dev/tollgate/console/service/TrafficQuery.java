package dev.tollgate.console.service;

/**
 * Filters for {@code GET traffic/recent}; a null or blank filter is left out of the request.
 *
 * @param status an exact status code such as {@code 503}
 * @param limit the maximum number of records to return, 1 to 1000
 */
public record TrafficQuery(String routeId, Integer status, String consumerId, int limit) {

    public TrafficQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("traffic query limit must be between 1 and 1000, was " + limit);
        }
    }

    public static TrafficQuery forRoute(String routeId) {
        return new TrafficQuery(routeId, null, null, 200);
    }
}
