package dev.tollgate.runtime.proxy;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) for the errors the gateway
 * sends itself, by hand so the request path creates no JSON mapper objects. The fields are those
 * of {@link dev.tollgate.model.api.Problem}.
 */
public final class ProblemJson {

    private ProblemJson() {}

    /** Returns the problem body for {@code status} with a human-readable detail and the request id. */
    public static String of(int status, String title, String detail, String requestId) {
        StringBuilder json = new StringBuilder(200).append('{');
        JsonText.appendName(json, "type", true);
        JsonText.appendString(json, "about:blank");
        JsonText.appendName(json, "title", false);
        JsonText.appendString(json, title);
        JsonText.appendName(json, "status", false);
        json.append(status);
        JsonText.appendName(json, "detail", false);
        JsonText.appendString(json, detail);
        JsonText.appendName(json, "requestId", false);
        JsonText.appendString(json, requestId);
        return json.append('}').toString();
    }

    /**
     * Returns the 404 detail for a request no route matches, naming the host as well as the path
     * because a route may match the path but not the host.
     */
    public static String noRouteDetail(String method, String path, String host) {
        String detail = "no route matches " + method + " " + path;
        return host == null || host.isEmpty() ? detail : detail + " on host " + host;
    }
}
