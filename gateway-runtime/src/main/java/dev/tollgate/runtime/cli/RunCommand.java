package dev.tollgate.runtime.cli;

import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TlsSettings;
import dev.tollgate.runtime.server.TollgateRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a gateway and serves until the process is stopped (SIGTERM or Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the gateway.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Config document to serve (YAML, or JSON when the name ends in .json); reloaded when it changes and on SIGHUP.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the durable config store.")
    Path dataDirectory;

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

    @Option(names = "--no-telemetry", description = "Collect no metrics or recent traffic (for benchmarks).")
    boolean noTelemetry;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RuntimeOptions options = new RuntimeOptions(configFile, dataDirectory, bindAddress, port, adminBindAddress,
                adminPort < 0 ? null : adminPort, accessLog, tlsSettings(), !noTelemetry, true,
                RuntimeOptions.DEFAULT_RELOAD_DEBOUNCE, Clock.systemUTC());

        TollgateRuntime runtime = new TollgateRuntime(options);
        try {
            runtime.start();
        } catch (InvalidConfigException e) {
            err.println(configFile + " is invalid (" + e.violations().size() + (e.violations().size() == 1 ? " problem):" : " problems):"));
            for (Violation violation : e.violations()) {
                err.println(violation);
            }
            return ValidateCommand.INVALID;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("tollgate-shutdown").unstarted(() -> {
            runtime.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
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
}
