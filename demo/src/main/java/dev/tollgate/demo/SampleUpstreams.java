package dev.tollgate.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's upstream services: one Jetty server per {@link Spec}, each bound to 127.0.0.1. Closing
 * stops every server and the scheduler that delays their responses.
 */
public final class SampleUpstreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleUpstreams.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int MAX_THREADS_PER_SERVICE = 16;

    /**
     * One sample service.
     *
     * @param name service name, also the value of {@code service} in its responses
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     */
    public record Spec(String name, int port, LatencyProfile profile) {

        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(profile, "profile");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port of service " + name + " must be between 0 and 65535, was " + port);
            }
        }
    }

    /**
     * The services the demo starts, on consecutive ports from {@code basePort}: two instances of an
     * orders service (5 to 40 ms and 20 to 80 ms), a fast catalog service, and a flaky
     * recommendations service that fails 3% of requests and takes 0.3 to 1.2 s for 5% of them.
     */
    public static List<Spec> demoServices(int basePort) {
        return List.of(
                new Spec("orders-1", basePort, LatencyProfile.steady(5, 40)),
                new Spec("orders-2", basePort + 1, LatencyProfile.steady(20, 80)),
                new Spec("catalog", basePort + 2, LatencyProfile.steady(2, 15)),
                new Spec("flaky", basePort + 3, new LatencyProfile(10, 40, 0.05, 300, 1_200, 0.03)));
    }

    private final ScheduledExecutorService scheduler;
    private final Map<String, Server> servers;

    private SampleUpstreams(ScheduledExecutorService scheduler, Map<String, Server> servers) {
        this.scheduler = scheduler;
        this.servers = servers;
    }

    /**
     * Starts a server for every spec. If one fails to start, the ones already started are stopped
     * before the exception propagates.
     *
     * @param seed seed of the random draws, so that a test gets the same latencies and failures
     */
    public static SampleUpstreams start(List<Spec> specs, long seed) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sample-upstream-delay").daemon(true).factory());
        SampleUpstreams upstreams = new SampleUpstreams(scheduler, new LinkedHashMap<>());
        SplittableRandom seeds = new SplittableRandom(seed);
        try {
            for (Spec spec : specs) {
                upstreams.startOne(spec, seeds.split());
            }
        } catch (Exception e) {
            upstreams.close();
            throw e;
        }
        return upstreams;
    }

    private void startOne(Spec spec, SplittableRandom random) throws Exception {
        if (servers.containsKey(spec.name())) {
            throw new IllegalArgumentException("duplicate sample service name \"" + spec.name() + "\"");
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS_PER_SERVICE, 2);
        threads.setName("sample-" + spec.name());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(LOOPBACK);
        connector.setPort(spec.port());
        server.addConnector(connector);
        server.setHandler(new SampleService(spec.name(), spec.profile(), random, scheduler));
        servers.put(spec.name(), server);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("sample service " + spec.name() + " failed to start on "
                    + LOOPBACK + ":" + spec.port() + " (is the port in use?): " + e.getMessage(), e);
        }
        LOG.info("Sample service {} listening on {}", spec.name(), uri(spec.name()));
    }

    /** Returns the base URL of a started service, for example {@code http://127.0.0.1:19101}. */
    public URI uri(String name) {
        Server server = servers.get(name);
        if (server == null) {
            throw new IllegalArgumentException("no sample service named \"" + name + "\"; started: " + servers.keySet());
        }
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    public List<String> names() {
        return List.copyOf(servers.keySet());
    }

    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        for (Map.Entry<String, Server> entry : servers.entrySet()) {
            try {
                entry.getValue().stop();
            } catch (Exception e) {
                LOG.warn("Sample service {} failed to stop", entry.getKey(), e);
                failures.add(e);
            }
        }
        scheduler.shutdownNow();
        if (failures.isEmpty()) {
            LOG.info("Sample services stopped");
        }
    }
}
