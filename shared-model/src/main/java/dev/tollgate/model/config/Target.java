package dev.tollgate.model.config;

/**
 * One server of an upstream.
 *
 * @param url base URL, {@code http://host:port} or {@code https://host:port}, without a path
 * @param weight share of traffic relative to the other targets; 1 unless set, 0 drains the target
 */
public record Target(String url, Integer weight) {

    public Target {
        weight = weight == null ? 1 : weight;
    }

    public static Target of(String url) {
        return new Target(url, 1);
    }
}
