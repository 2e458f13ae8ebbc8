package dev.tollgate.runtime.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Start options of a {@link TollgateRuntime}. The command line builds them from its arguments and
 * tests build them with the {@code with…} copies.
 *
 * @param configFile YAML or JSON document to serve and watch, or null to start with no routes
 * @param dataDirectory directory of the durable config store, or null for none
 * @param bindAddress address of the data port
 * @param port data port; 0 picks a free one
 * @param adminBindAddress address of the admin port, loopback by default
 * @param adminPort admin port; 0 picks a free one, null disables the admin port
 * @param accessLog {@code -} for standard output, {@code off}, or a file to append JSON lines to
 * @param tls keystore for TLS on both ports, or null for clear text
 * @param telemetry false skips the exchange observer (for benchmarks)
 * @param watchConfig reload the config file on change and on SIGHUP
 * @param reloadDebounce quiet time after a file change before the file is read
 * @param clock wall-clock time for the data plane and upstream health
 * @param connectionLimits connection caps and the request-head timeout of both ports
 */
public record RuntimeOptions(
        Path configFile,
        Path dataDirectory,
        String bindAddress,
        int port,
        String adminBindAddress,
        Integer adminPort,
        String accessLog,
        TlsSettings tls,
        boolean telemetry,
        boolean watchConfig,
        Duration reloadDebounce,
        Clock clock,
        ConnectionLimits connectionLimits) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_ADMIN_PORT = 9090;
    public static final String DEFAULT_ADMIN_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_RELOAD_DEBOUNCE = Duration.ofMillis(300);

    public RuntimeOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(adminBindAddress, "adminBindAddress");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(reloadDebounce, "reloadDebounce");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(connectionLimits, "connectionLimits");
    }

    /** Options with {@link ConnectionLimits#DEFAULTS}. */
    public RuntimeOptions(Path configFile, Path dataDirectory, String bindAddress, int port, String adminBindAddress,
            Integer adminPort, String accessLog, TlsSettings tls, boolean telemetry, boolean watchConfig,
            Duration reloadDebounce, Clock clock) {
        this(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls, telemetry,
                watchConfig, reloadDebounce, clock, ConnectionLimits.DEFAULTS);
    }

    /** Options for a runtime on loopback with free ports, no admin port, no access log and no file. */
    public static RuntimeOptions forTests() {
        return new RuntimeOptions(null, null, "127.0.0.1", 0, DEFAULT_ADMIN_BIND_ADDRESS, null, AccessLogOutput.OFF, null,
                true, true, Duration.ofMillis(100), Clock.systemUTC());
    }

    public RuntimeOptions withConfigFile(Path file) {
        return new RuntimeOptions(file, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withPort(int newPort) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, newPort, adminBindAddress, adminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withAdminPort(Integer newAdminPort) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, newAdminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withAccessLog(String target) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, target, tls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withTls(TlsSettings newTls) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, newTls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withDataDirectory(Path directory) {
        return new RuntimeOptions(configFile, directory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withTelemetry(boolean enabled) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                enabled, watchConfig, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withWatchConfig(boolean enabled) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                telemetry, enabled, reloadDebounce, clock, connectionLimits);
    }

    public RuntimeOptions withClock(Clock newClock) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, newClock, connectionLimits);
    }

    public RuntimeOptions withConnectionLimits(ConnectionLimits limits) {
        return new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress, adminPort, accessLog, tls,
                telemetry, watchConfig, reloadDebounce, clock, limits);
    }
}
