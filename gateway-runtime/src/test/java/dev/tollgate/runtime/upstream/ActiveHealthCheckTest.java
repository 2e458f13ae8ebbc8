package dev.tollgate.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActiveHealthCheckTest {

    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler = Pools.scheduler();
    private final HttpClient httpClient = new HttpClient();
    private HealthServer flipping;
    private HealthServer steady;
    private UpstreamPool pool;

    @BeforeEach
    void startServers() throws Exception {
        httpClient.start();
        flipping = HealthServer.start();
        steady = HealthServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (pool != null) {
            pool.close();
        }
        scheduler.shutdownNow();
        httpClient.stop();
        flipping.stop();
        steady.stop();
    }

    private UpstreamPool startPool(long timeoutMillis) {
        Upstream config = new Upstream("backend",
                List.of(Target.of(flipping.url()), Target.of(steady.url())), Balancer.ROUND_ROBIN, null,
                null, null, null, null,
                new ActiveHealthCheck("/healthz", 50L, timeoutMillis, 2, 2), null, null);
        pool = UpstreamPool.create(config, new UpstreamEnvironment(Clock.systemUTC(), scheduler,
                new JettyHealthProbe(httpClient)));
        pool.start();
        return pool;
    }

    private boolean flippingHealthy() {
        return pool.status().getFirst().healthy();
    }

    @Test
    void failingHealthEndpointMarksTargetUnhealthy() {
        startPool(1_000);
        await().atMost(AWAIT).until(() -> flipping.probes.get() >= 2);
        assertThat(flippingHealthy()).isTrue();

        flipping.status.set(503);

        await().atMost(AWAIT).until(() -> !flippingHealthy());
        for (int i = 0; i < 10; i++) {
            TargetHandle picked = pool.pick(PickContext.NONE, Set.of());
            assertThat(picked.url()).isEqualTo(steady.url());
            Pools.complete(picked, Outcome.SUCCESS);
        }
    }

    @Test
    void recoveredHealthEndpointMarksTargetHealthyAgain() {
        flipping.status.set(500);
        startPool(1_000);
        await().atMost(AWAIT).until(() -> !flippingHealthy());

        flipping.status.set(200);

        await().atMost(AWAIT).until(this::flippingHealthy);
        assertThat(Pools.pickAndEnd(pool, 10, Outcome.SUCCESS)).containsEntry(flipping.url(), 5);
    }

    @Test
    void redirectCountsAsHealthy() {
        flipping.status.set(302);
        startPool(1_000);

        await().atMost(AWAIT).until(() -> flipping.probes.get() >= 4);

        assertThat(flippingHealthy()).isTrue();
    }

    @Test
    void slowHealthEndpointCountsAsFailure() {
        flipping.delayMillis.set(2_000);
        startPool(100);

        await().atMost(AWAIT).until(() -> !flippingHealthy());
        assertThat(pool.status().get(1).healthy()).isTrue();
    }

    @Test
    void unreachableTargetIsMarkedUnhealthy() throws Exception {
        flipping.stop();
        startPool(500);

        await().atMost(AWAIT).until(() -> !flippingHealthy());
    }

    @Test
    void closedPoolStopsProbing() {
        startPool(1_000);
        await().atMost(AWAIT).until(() -> steady.probes.get() >= 2);

        pool.close();
        int probesAtClose = steady.probes.get();

        // One probe sent just before close may still arrive; without close, ten more would in 500 ms.
        await().during(Duration.ofMillis(500)).atMost(AWAIT).until(() -> steady.probes.get() <= probesAtClose + 1);
    }

    @Test
    void probesUseConfiguredPath() {
        startPool(1_000);

        await().atMost(AWAIT).until(() -> steady.probes.get() >= 1);

        assertThat(steady.otherRequests.get()).isZero();
    }

    /** A Jetty server on 127.0.0.1 whose {@code /healthz} responds with a settable status. */
    private static final class HealthServer {
        final AtomicInteger status = new AtomicInteger(200);
        final AtomicLong delayMillis = new AtomicLong();
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger otherRequests = new AtomicInteger();
        private final Server server = new Server();
        private int port;

        static HealthServer start() throws Exception {
            HealthServer healthServer = new HealthServer();
            ServerConnector connector = new ServerConnector(healthServer.server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            healthServer.server.addConnector(connector);
            healthServer.server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    if (!"/healthz".equals(Request.getPathInContext(request))) {
                        healthServer.otherRequests.incrementAndGet();
                        response.setStatus(404);
                        callback.succeeded();
                        return true;
                    }
                    healthServer.probes.incrementAndGet();
                    long delay = healthServer.delayMillis.get();
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    int code = healthServer.status.get();
                    response.setStatus(code);
                    if (code >= 300 && code < 400) {
                        response.getHeaders().put("Location", "/elsewhere");
                    }
                    // A body the probe has to drain, as real health endpoints send one.
                    Content.Sink.write(response, true, "{\"status\":" + code + "}", callback);
                    return true;
                }
            });
            healthServer.server.start();
            healthServer.port = connector.getLocalPort();
            return healthServer;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void stop() throws Exception {
            server.stop();
        }
    }
}
