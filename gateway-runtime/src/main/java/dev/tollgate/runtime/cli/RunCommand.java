package dev.tollgate.runtime.cli;

import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.server.ConnectionLimits;
import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TlsSettings;
import dev.tollgate.runtime.store.CorruptStoreException;
import dev.tollgate.runtime.store.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a gateway and serves until the process is stopped (SIGTERM or Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the gateway.")
final class RunCommand implements Callable<Integer> {

    /** Exit code for a mistake in the options or the environment: a missing file, a port in use. */
    static final int USAGE_OR_ENVIRONMENT_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Pattern FAILED_BIND_PORT = Pattern.compile(":(\\d+)\\s*$");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config document to serve (YAML, or JSON when the name ends in .json); reloaded when it changes and on SIGHUP. "
                    + "With --data-dir it seeds an empty data dir and later changes of it become new revisions.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the durable config store, admin tokens and audit log; turns on the admin API.")
    Path dataDirectory;

    @Option(names = "--node-id", paramLabel = "ID", defaultValue = "${env:HOSTNAME:-tollgate}",
            description = "This gateway's name in the admin API and metrics (default: $HOSTNAME or tollgate).")
    String nodeId;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address of the data port (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + RuntimeOptions.DEFAULT_PORT,
            description = "Data port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-bind", paramLabel = "ADDR", defaultValue = RuntimeOptions.DEFAULT_ADMIN_BIND_ADDRESS,
            description = "Address of the admin port (default: ${DEFAULT-VALUE}).")
    String adminBindAddress;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "" + RuntimeOptions.DEFAULT_ADMIN_PORT,
            description = "Admin port (default: ${DEFAULT-VALUE}); -1 turns the admin port off.")
    int adminPort;

    @Option(names = "--access-log", paramLabel = "FILE|-|off", defaultValue = "-",
            description = "Where JSON access-log lines go: a file, - for standard output, or off (default: ${DEFAULT-VALUE}).")
    String accessLog;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 or JKS keystore; turns on TLS (with HTTP/2 over ALPN) on both ports.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the keystore password.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--max-connections", paramLabel = "N",
            defaultValue = "" + ConnectionLimits.DEFAULT_MAX_DATA_CONNECTIONS,
            description = "Maximum open connections on the data port; more clients wait until one closes (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-admin-connections", paramLabel = "N",
            defaultValue = "" + ConnectionLimits.DEFAULT_MAX_ADMIN_CONNECTIONS,
            description = "Maximum open connections on the admin port (default: ${DEFAULT-VALUE}).")
    int maxAdminConnections;

    @Option(names = "--request-head-timeout-ms", paramLabel = "MS", defaultValue = "20000",
            description = "Milliseconds a client has to send a complete request line and headers before the connection "
                    + "is closed (default: ${DEFAULT-VALUE}).")
    long requestHeadTimeoutMillis;

    @Option(names = "--no-telemetry", description = "Collect no metrics or recent traffic (for benchmarks).")
    boolean noTelemetry;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String missingFile = describeMissingFile();
        if (missingFile != null) {
            err.println(missingFile);
            return USAGE_OR_ENVIRONMENT_ERROR;
        }
        RuntimeOptions options = new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress,
                adminPort < 0 ? null : adminPort, accessLog, tlsSettings(), !noTelemetry, true,
                RuntimeOptions.DEFAULT_RELOAD_DEBOUNCE, Clock.systemUTC()).withConnectionLimits(connectionLimits());

        if (configFile == null && dataDirectory == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --config FILE, --data-dir DIR, or both");
        }

        RunningGateway process;
        try {
            process = RunningGateway.start(options, nodeId, System.getenv(DataDirectory.ADMIN_TOKEN_VARIABLE),
                    this::showGeneratedToken);
        } catch (InvalidConfigException e) {
            String source = configFile == null ? "The data dir's current revision" : configFile.toString();
            err.println(source + " is invalid (" + e.violations().size() + (e.violations().size() == 1 ? " problem):" : " problems):"));
            for (Violation violation : e.violations()) {
                err.println(violation);
            }
            return ValidateCommand.INVALID;
        } catch (CorruptStoreException | IllegalStateException e) {
            err.println("Cannot use the data dir: " + e.getMessage());
            return AdminTokenCommand.DATA_DIR_UNUSABLE;
        } catch (IOException e) {
            LOG.debug("Starting the gateway failed", e);
            err.println(describeStartFailure(e));
            return USAGE_OR_ENVIRONMENT_ERROR;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("tollgate-shutdown").unstarted(() -> {
            process.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Returns a one-line error for the first file option that names no existing file, or null. */
    private String describeMissingFile() {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("--config", configFile);
        files.put("--tls-keystore", tlsKeystore);
        files.put("--tls-keystore-password-file", tlsKeystorePasswordFile);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            if (file.getValue() != null && !Files.exists(file.getValue())) {
                String what = file.getKey().equals("--config") ? "config file " : "file ";
                return what + file.getValue() + " not found (" + file.getKey() + ")";
            }
        }
        return null;
    }

    /**
     * Describes why the gateway could not start in one line. A port that cannot be bound names its
     * option; Jetty reports it as an IOException "Failed to bind to /ADDR:PORT" caused by a
     * BindException.
     */
    private String describeStartFailure(IOException e) {
        BindException bind = null;
        for (Throwable cause = e; cause != null && bind == null; cause = cause.getCause()) {
            if (cause instanceof BindException found) {
                bind = found;
            }
        }
        if (bind == null) {
            return "cannot start the gateway: " + e.getMessage();
        }
        Matcher failedPort = FAILED_BIND_PORT.matcher(String.valueOf(e.getMessage()));
        int failed = failedPort.find() ? Integer.parseInt(failedPort.group(1)) : port;
        boolean admin = failed == adminPort && failed != port;
        String address = (admin ? adminBindAddress : bindAddress) + ":" + failed;
        String option = admin ? "--admin-port" : "--port";
        String reason = bind.getMessage() == null ? "bind failed" : bind.getMessage().toLowerCase(Locale.ROOT);
        String fix = reason.contains("in use") ? "choose another port or stop the process using it"
                : "check " + (admin ? "--admin-bind" : "--bind") + " and " + option;
        return "cannot listen on " + address + " (" + option + "): " + reason + "; " + fix;
    }

    /** Prints the first admin token on standard output, the only place it is ever shown. */
    private void showGeneratedToken(AdminToken.CreatedAdminToken created) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Generated the first admin token (id " + created.token().id() + "). It is shown only this once; "
                + "store it now:");
        out.println(created.secret());
        out.flush();
    }

    private TlsSettings tlsSettings() throws IOException {
        if (tlsKeystore == null) {
            if (tlsKeystorePasswordFile != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--tls-keystore-password-file needs --tls-keystore as well");
            }
            return null;
        }
        if (tlsKeystorePasswordFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tls-keystore needs --tls-keystore-password-file with the keystore password");
        }
        String password = Files.readAllLines(tlsKeystorePasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        return new TlsSettings(tlsKeystore, password);
    }

    private ConnectionLimits connectionLimits() {
        try {
            return new ConnectionLimits(maxConnections, maxAdminConnections, Duration.ofMillis(requestHeadTimeoutMillis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid connection limit: " + e.getMessage());
        }
    }
}
