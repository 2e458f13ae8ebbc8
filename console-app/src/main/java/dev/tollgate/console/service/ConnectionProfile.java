package dev.tollgate.console.service;

import java.net.URI;
import java.util.Objects;

/**
 * A saved way to reach one runtime's admin API.
 *
 * @param name what the operator calls this runtime, unique among profiles
 * @param url base URL of the admin port, for example {@code http://127.0.0.1:9090}
 * @param token bearer admin token; never logged, and {@link #toString()} hides it
 */
public record ConnectionProfile(String name, String url, String token) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        if (name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException("profile \"" + name + "\": " + problem);
        }
    }

    /** Returns why {@code url} cannot be an admin base URL, or null when it can. */
    public static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "the URL is required, e.g. http://127.0.0.1:9090";
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return "\"" + url + "\" is not a valid URL: " + e.getMessage();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return "\"" + url + "\" must start with http:// or https://";
        }
        if (uri.getHost() == null) {
            return "\"" + url + "\" has no host; write it as http://host:port";
        }
        return null;
    }

    @Override
    public String toString() {
        return "ConnectionProfile[name=" + name + ", url=" + url + ", token=<redacted>]";
    }
}
