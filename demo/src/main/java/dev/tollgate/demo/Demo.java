package dev.tollgate.demo;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.cli.RunningGateway;
import dev.tollgate.runtime.server.RuntimeOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-command demo: sample upstream services, a gateway runtime routing to them with its data
 * directory under {@code .demo/}, a traffic generator, and the console connected to the runtime's
 * admin API, all in this JVM. Closing the console stops everything, and so does Ctrl-C.
 */
@Command(name = "demo.sh", mixinStandardHelpOptions = true,
        description = "Starts a Tollgate runtime with sample services, light traffic and the console.")
public final class Demo implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final String LOOPBACK = "127.0.0.1";

    @Option(names = "--demo-dir", paramLabel = "DIR", defaultValue = ".demo",
            description = "Directory for the runtime's data, the config file and the admin token (default: ${DEFAULT-VALUE}).")
    Path demoDirectory;

    @Option(names = "--port", paramLabel = "N", defaultValue = "18080",
            description = "Gateway port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "18081",
            description = "Admin API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--upstream-base-port", paramLabel = "N", defaultValue = "19101",
            description = "First of the four consecutive ports of the sample services on 127.0.0.1 (default: ${DEFAULT-VALUE}). "
                    + "The data directory keeps the config, so change it only together with a new --demo-dir.")
    int upstreamBasePort;

    @Option(names = "--requests-per-second", paramLabel = "N", defaultValue = "20",
            description = "Rate of the traffic generator, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int requestsPerSecond;

    @Option(names = "--traffic-minutes", paramLabel = "N", defaultValue = "240",
            description = "The traffic generator stops by itself after this many minutes (default: ${DEFAULT-VALUE}).")
    long trafficMinutes;

    @Option(names = "--no-console", description = "Start everything but the console, and run until Ctrl-C.")
    boolean noConsole;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDirectory = demoDirectory.resolve("data");
        String adminToken = DemoToken.readOrCreate(demoDirectory.resolve("admin-token"), dataDirectory);

        DemoParts parts = new DemoParts();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("demo-shutdown").unstarted(() -> {
            parts.close();
            stopped.countDown();
        }));

        try {
            SampleUpstreams services = parts.add(SampleUpstreams.start(SampleUpstreams.demoServices(upstreamBasePort), System.nanoTime()));
            Path configFile = writeConfigFile(demoDirectory, SampleConfig.forServices(services));
            RunningGateway gateway = parts.add(startGateway(gatewayOptions(configFile, dataDirectory, port, adminPort), adminToken));
            URI gatewayUri = URI.create("http://" + LOOPBACK + ":" + gateway.runtime().dataPort());
            URI adminUri = URI.create("http://" + LOOPBACK + ":" + gateway.runtime().adminPort());
            parts.add(startTraffic(gatewayUri));
            printSummary(gatewayUri, adminUri);

            if (noConsole) {
                stopped.await();
                return 0;
            }
            // Returns when the console's window has closed.
            dev.tollgate.console.app.ConsoleLauncher.main(new String[] {"--url", adminUri.toString(), "--token", adminToken});
            return 0;
        } finally {
            parts.close();
        }
    }

    /** Writes {@code config} to {@code gateway.yaml} in {@code demoDirectory} and returns the file. */
    static Path writeConfigFile(Path demoDirectory, GatewayConfig config) throws Exception {
        Path file = demoDirectory.resolve("gateway.yaml");
        Files.createDirectories(demoDirectory);
        String yaml = "# The demo's gateway document, written by the demo at every start. Once the data directory\n"
                + "# exists it serves its own revisions, and changes made in the console stay there.\n"
                + ConfigMapper.toYaml(config);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** Options of the demo's runtime: both ports on 127.0.0.1, telemetry on, access log off. */
    static RuntimeOptions gatewayOptions(Path configFile, Path dataDirectory, int port, int adminPort) {
        return new RuntimeOptions(configFile, dataDirectory, LOOPBACK, port, LOOPBACK, adminPort,
                "off", null, true, true, RuntimeOptions.DEFAULT_RELOAD_DEBOUNCE, Clock.systemUTC());
    }

    /** Starts the runtime with the demo's admin token, so the runtime never generates one that would need showing. */
    static RunningGateway startGateway(RuntimeOptions options, String adminToken) throws Exception {
        return RunningGateway.start(options, "demo", adminToken, created -> {
            throw new IllegalStateException("the runtime generated an admin token although the demo supplied one");
        });
    }

    private TrafficGenerator startTraffic(URI gatewayUri) throws Exception {
        return TrafficGenerator.start(new TrafficGenerator.Settings(gatewayUri, requestsPerSecond, 16,
                Duration.ofMinutes(trafficMinutes), TrafficGenerator.DEMO_MIX, new SplittableRandom(), Clock.systemUTC()));
    }

    private void printSummary(URI gatewayUri, URI adminUri) {
        LOG.info("Demo running: gateway {} (try {}/api/orders/7), admin API {}, admin token in {}",
                gatewayUri, gatewayUri, adminUri, demoDirectory.resolve("admin-token"));
        LOG.info(noConsole ? "Press Ctrl-C to stop." : "Close the console window to stop the demo.");
    }
}
