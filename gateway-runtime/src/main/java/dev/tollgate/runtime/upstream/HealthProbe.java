package dev.tollgate.runtime.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one active health-check GET. The runtime uses {@link JettyHealthProbe}; tests may plug in
 * any other client.
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Sends a GET to {@code uri} without following redirects.
     *
     * @return a future completed with the response status code, or completed exceptionally when
     *     the connection fails or no response arrives within {@code timeout}
     */
    CompletableFuture<Integer> get(URI uri, Duration timeout);
}
