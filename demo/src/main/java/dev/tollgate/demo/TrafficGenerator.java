package dev.tollgate.demo;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a light, steady mix of requests to a gateway on this machine so that the console has
 * traffic to show. It is bounded three ways: a fixed rate, a maximum of requests in flight (a tick
 * that finds the maximum reached is skipped, so slow responses never pile up), and a maximum run
 * time after which it stops by itself. Only loopback addresses are accepted as the target.
 */
public final class TrafficGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

    /**
     * One kind of request in the mix.
     *
     * @param weight relative frequency among the mix's entries
     * @param pathTemplate path and query; {@code {n}} is replaced by a random number from 1 to 500
     */
    public record RequestKind(int weight, String method, String pathTemplate, String jsonBody) {

        public RequestKind {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight of " + method + " " + pathTemplate + " must be greater than 0, was " + weight);
            }
            Objects.requireNonNull(method, "method");
            if (pathTemplate == null || !pathTemplate.startsWith("/")) {
                throw new IllegalArgumentException("pathTemplate must start with \"/\", was " + pathTemplate);
            }
        }
    }

    /** The demo's mix: mostly orders and catalog reads, some order creation, the flaky service, and a few unrouted paths (404). */
    public static final List<RequestKind> DEMO_MIX = List.of(
            new RequestKind(35, "GET", "/api/orders/{n}", null),
            new RequestKind(10, "POST", "/api/orders", "{\"item\":\"sku-{n}\",\"quantity\":1}"),
            new RequestKind(30, "GET", "/api/catalog/items?page={n}", null),
            new RequestKind(20, "GET", "/api/recommendations/for/{n}", null),
            new RequestKind(5, "GET", "/api/unknown/{n}", null));

    /**
     * Counters of what the generator did.
     *
     * @param skipped ticks that sent nothing because the maximum in flight was reached
     * @param failed requests that got no response (connection refused, timeout)
     */
    public record Counts(long sent, long completed, long failed, long skipped) {}

    private final HttpClient client;
    private final URI target;
    private final List<RequestKind> mix;
    private final int totalWeight;
    private final RandomGenerator random;
    private final Clock clock;
    private final Instant deadline;
    private final int maxInFlight;
    private final ScheduledExecutorService ticker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private TrafficGenerator(Settings settings) {
        this.target = settings.target();
        this.mix = List.copyOf(settings.mix());
        this.totalWeight = mix.stream().mapToInt(RequestKind::weight).sum();
        this.random = settings.random();
        this.clock = settings.clock();
        this.deadline = clock.instant().plus(settings.maxRunTime());
        this.maxInFlight = settings.maxInFlight();
        this.client = new HttpClient();
        this.client.setMaxConnectionsPerDestination(maxInFlight);
        this.client.setConnectTimeout(2_000);
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("traffic-generator").daemon(true).factory());
    }

    /**
     * Settings of a generator.
     *
     * @param target base URL of the gateway; its host must be a loopback address
     * @param requestsPerSecond rate of ticks; each tick sends at most one request
     * @param maxRunTime the generator stops by itself after this long
     */
    public record Settings(
            URI target,
            int requestsPerSecond,
            int maxInFlight,
            Duration maxRunTime,
            List<RequestKind> mix,
            RandomGenerator random,
            Clock clock) {

        public Settings {
            requireLoopback(target);
            if (requestsPerSecond < 1 || requestsPerSecond > 1_000) {
                throw new IllegalArgumentException("requestsPerSecond must be between 1 and 1000, was " + requestsPerSecond);
            }
            if (maxInFlight < 1 || maxInFlight > 256) {
                throw new IllegalArgumentException("maxInFlight must be between 1 and 256, was " + maxInFlight);
            }
            if (maxRunTime == null || maxRunTime.isNegative()) {
                throw new IllegalArgumentException("maxRunTime must be zero or positive, was " + maxRunTime);
            }
            if (mix == null || mix.isEmpty()) {
                throw new IllegalArgumentException("mix must contain at least one request kind");
            }
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Starts sending at {@code settings.requestsPerSecond()} until {@link #close()} or the maximum run time. */
    public static TrafficGenerator start(Settings settings) throws Exception {
        TrafficGenerator generator = new TrafficGenerator(settings);
        generator.client.start();
        long periodMicros = 1_000_000L / settings.requestsPerSecond();
        generator.ticker.scheduleAtFixedRate(generator::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        LOG.info("Traffic generator sending {} requests/s to {} for at most {}",
                settings.requestsPerSecond(), settings.target(), settings.maxRunTime());
        return generator;
    }

    /** False once {@link #close()} ran or the maximum run time has passed. */
    public boolean isRunning() {
        return !ticker.isShutdown();
    }

    public Counts counts() {
        return new Counts(sent.get(), completed.get(), failed.get(), skipped.get());
    }

    private void tick() {
        if (!clock.instant().isBefore(deadline)) {
            LOG.info("Traffic generator reached its maximum run time and stops; {}", counts());
            ticker.shutdown();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        try {
            send(pickKind());
        } catch (RuntimeException e) {
            // The client rejects requests once it is stopping; the generator is closing then.
            inFlight.decrementAndGet();
            LOG.debug("Traffic generator could not send a request", e);
        }
    }

    private RequestKind pickKind() {
        int draw = random.nextInt(totalWeight);
        for (RequestKind kind : mix) {
            draw -= kind.weight();
            if (draw < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights of the mix changed while drawing");
    }

    private void send(RequestKind kind) {
        String number = Integer.toString(random.nextInt(1, 501));
        Request request = client.newRequest(target.resolve(kind.pathTemplate().replace("{n}", number)))
                .method(kind.method())
                .timeout(10, TimeUnit.SECONDS);
        if (kind.jsonBody() != null) {
            request.body(new StringRequestContent("application/json", kind.jsonBody().replace("{n}", number)));
        }
        sent.incrementAndGet();
        request.send(result -> {
            inFlight.decrementAndGet();
            if (result.isFailed()) {
                failed.incrementAndGet();
                LOG.debug("Traffic generator request {} {} failed: {}", kind.method(), kind.pathTemplate(), result.getFailure().toString());
            } else {
                completed.incrementAndGet();
            }
        });
    }

    private static void requireLoopback(URI target) {
        if (target == null || target.getHost() == null) {
            throw new IllegalArgumentException("target must be an absolute http URL on a loopback address, was " + target);
        }
        try {
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("target host " + target.getHost()
                        + " is not a loopback address; the traffic generator only sends to this machine");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("target host " + target.getHost() + " cannot be resolved", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            client.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Traffic generator's HTTP client failed to stop", e);
        }
        LOG.info("Traffic generator stopped; {}", counts());
    }
}
