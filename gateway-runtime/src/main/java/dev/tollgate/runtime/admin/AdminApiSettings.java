package dev.tollgate.runtime.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Settings of the admin API handler.
 *
 * @param nodeId this runtime's id, shown by {@code info}
 * @param version the product version shown by {@code info}
 * @param startedAt when the runtime started, for uptime
 * @param maxBodyBytes request bodies above this get 413
 */
public record AdminApiSettings(String nodeId, String version, Clock clock, Instant startedAt, long maxBodyBytes) {

    /** Default body limit, 4 MiB: far above any real config document, small enough to buffer. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

    public AdminApiSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clock, "clock");
        version = version == null ? "dev" : version;
        startedAt = startedAt == null ? clock.instant() : startedAt;
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be greater than 0, was " + maxBodyBytes);
        }
    }

    public static AdminApiSettings defaults(String nodeId, Clock clock) {
        String version = AdminApiSettings.class.getPackage().getImplementationVersion();
        return new AdminApiSettings(nodeId, version, clock, clock.instant(), DEFAULT_MAX_BODY_BYTES);
    }
}
