package dev.tollgate.runtime.upstream;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Shared services an {@link UpstreamPool} needs. The runtime owns all three and shuts the
 * scheduler down itself; pools only schedule and cancel tasks on it.
 *
 * @param clock time source for passive ejection, circuit breakers and the retry budget
 * @param scheduler runs active health checks
 * @param probe sends one active health-check request
 */
public record UpstreamEnvironment(Clock clock, ScheduledExecutorService scheduler, HealthProbe probe) {

    public UpstreamEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(probe, "probe");
    }
}
