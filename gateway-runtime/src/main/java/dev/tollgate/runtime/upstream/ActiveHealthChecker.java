package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.ActiveHealthCheck;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every target of one pool with {@code GET healthCheck.path} every {@code intervalMillis}.
 * A 2xx or 3xx within {@code timeoutMillis} is a success; any other status, a connection failure
 * or a timeout is a failure. {@code unhealthyThreshold} failures in a row mark a target unhealthy
 * and {@code healthyThreshold} successes in a row mark it healthy again.
 *
 * <p>A target whose previous probe is still pending is skipped in that round, so a hanging target
 * never has more than one probe outstanding.
 */
final class ActiveHealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealthChecker.class);

    private final String upstreamId;
    private final ActiveHealthCheck settings;
    private final UpstreamEnvironment environment;
    private final List<Probed> probed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ScheduledFuture<?> schedule;

    ActiveHealthChecker(String upstreamId, ActiveHealthCheck settings, List<UpstreamTarget> targets,
            UpstreamEnvironment environment) {
        this.upstreamId = upstreamId;
        this.settings = settings;
        this.environment = environment;
        this.probed = targets.stream().map(target -> new Probed(target, target.uri().resolve(settings.path()))).toList();
    }

    synchronized void start() {
        if (schedule != null || closed.get()) {
            return;
        }
        schedule = environment.scheduler().scheduleWithFixedDelay(
                this::probeAll, 0, settings.intervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Started active health checks for upstream {}: GET {} every {} ms on {} target(s)",
                upstreamId, settings.path(), settings.intervalMillis(), probed.size());
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
            LOG.info("Stopped active health checks for upstream {}", upstreamId);
        }
    }

    /** Runs one round of probes; the schedule calls it, and tests call it to drive rounds by hand. */
    void probeAll() {
        try {
            for (Probed target : probed) {
                if (closed.get()) {
                    return;
                }
                if (target.pending.compareAndSet(false, true)) {
                    probe(target);
                }
            }
        } catch (RuntimeException e) {
            // An exception escaping a periodic task would cancel every later round.
            LOG.warn("Health-check round for upstream {} failed; trying again in {} ms",
                    upstreamId, settings.intervalMillis(), e);
        }
    }

    private void probe(Probed target) {
        CompletableFuture<Integer> response;
        try {
            response = environment.probe().get(target.healthUri, Duration.ofMillis(settings.timeoutMillis()));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.orTimeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((status, failure) -> {
            target.pending.set(false);
            if (!closed.get()) {
                record(target, status, failure);
            }
        });
    }

    private void record(Probed probedTarget, Integer status, Throwable failure) {
        boolean success = failure == null && status != null && status >= 200 && status < 400;
        String outcome = failure != null ? failure.toString() : "status " + status;
        TargetState state = probedTarget.target.state();
        String url = probedTarget.target.url();
        if (success) {
            state.probeFailuresInRow.set(0);
            int successes = state.probeSuccessesInRow.incrementAndGet();
            if (!state.activeHealthy && successes >= settings.healthyThreshold()) {
                state.activeHealthy = true;
                LOG.info("Target {} of upstream {} is healthy again after {} successful health checks",
                        url, upstreamId, successes);
            }
            return;
        }
        LOG.debug("Health check of target {} of upstream {} failed: {}", url, upstreamId, outcome);
        state.probeSuccessesInRow.set(0);
        int failures = state.probeFailuresInRow.incrementAndGet();
        if (state.activeHealthy && failures >= settings.unhealthyThreshold()) {
            state.activeHealthy = false;
            LOG.warn("Target {} of upstream {} marked unhealthy after {} failed health checks (last: {} from GET {})",
                    url, upstreamId, failures, outcome, probedTarget.healthUri);
        }
    }

    private record Probed(UpstreamTarget target, URI healthUri, AtomicBoolean pending) {
        Probed(UpstreamTarget target, URI healthUri) {
            this(target, healthUri, new AtomicBoolean());
        }
    }
}
