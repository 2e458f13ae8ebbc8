package dev.tollgate.runtime.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Sends health-check GETs with a Jetty {@link HttpClient} that the caller owns, starts and stops.
 * Redirects are not followed, because a 3xx already counts as healthy, and the response body is
 * discarded.
 */
public final class JettyHealthProbe implements HealthProbe {

    private final HttpClient httpClient;

    public JettyHealthProbe(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    }

    @Override
    public CompletableFuture<Integer> get(URI uri, Duration timeout) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        httpClient.newRequest(uri)
                .method(HttpMethod.GET)
                .followRedirects(false)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .send(result -> {
                    if (result.isFailed()) {
                        status.completeExceptionally(result.getFailure());
                    } else {
                        status.complete(result.getResponse().getStatus());
                    }
                });
        return status;
    }
}
