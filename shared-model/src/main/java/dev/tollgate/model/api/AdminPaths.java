package dev.tollgate.model.api;

/** Paths of the admin API, relative to the admin port's root. */
public final class AdminPaths {

    public static final String BASE = "/admin/v1";
    public static final String INFO = BASE + "/info";
    public static final String HEALTH = BASE + "/health";
    public static final String CONFIG = BASE + "/config";
    public static final String CONFIG_VALIDATE = CONFIG + "/validate";
    public static final String CONFIG_REVISIONS = CONFIG + "/revisions";
    public static final String CONFIG_DIFF = CONFIG + "/diff";
    public static final String CONFIG_ROLLBACK = CONFIG + "/rollback";
    public static final String ROUTES = BASE + "/routes";
    public static final String UPSTREAMS = BASE + "/upstreams";
    public static final String AUDIT = BASE + "/audit";
    public static final String TOKENS = BASE + "/tokens";
    public static final String STREAM = BASE + "/stream";
    public static final String TRAFFIC_RECENT = BASE + "/traffic/recent";
    public static final String OPENAPI = BASE + "/openapi.json";
    public static final String METRICS = "/metrics";

    /** Response header carrying the revision a response describes. */
    public static final String REVISION_HEADER = "Tollgate-Revision";

    private AdminPaths() {}

    /** Returns the strong ETag of a config revision, as sent in {@code ETag} and expected in {@code If-Match}. */
    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }
}
