package dev.tollgate.model.config;

/**
 * Probes every target of an upstream in the background with a GET.
 *
 * @param path request path of the probe, for example {@code /healthz}
 * @param intervalMillis time between two probes of one target
 * @param timeoutMillis a probe that takes longer counts as failed
 * @param healthyThreshold successful probes in a row that mark a target healthy again
 * @param unhealthyThreshold failed probes in a row that mark a target unhealthy
 */
public record ActiveHealthCheck(
        String path, Long intervalMillis, Long timeoutMillis, Integer healthyThreshold, Integer unhealthyThreshold) {

    public ActiveHealthCheck {
        path = path == null ? "/" : path;
        intervalMillis = intervalMillis == null ? 5_000L : intervalMillis;
        timeoutMillis = timeoutMillis == null ? 2_000L : timeoutMillis;
        healthyThreshold = healthyThreshold == null ? 2 : healthyThreshold;
        unhealthyThreshold = unhealthyThreshold == null ? 3 : unhealthyThreshold;
    }
}
