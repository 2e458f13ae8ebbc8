package dev.tollgate.console.support;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.cli.RunningGateway;
import dev.tollgate.runtime.server.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole gateway in this JVM, started by the same {@link RunningGateway} that {@code tollgate run
 * --data-dir} uses: data plane, telemetry (metrics stream, recent traffic) and the admin API over a
 * data dir, all on loopback with free ports. Tests drive the console against it.
 */
public final class InProcessGateway implements AutoCloseable {

    /** A supplied admin token; the runtime requires at least 32 characters. */
    public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef0123";

    private final RunningGateway gateway;

    private InProcessGateway(RunningGateway gateway) {
        this.gateway = gateway;
    }

    /** Starts a gateway seeded with {@code config}, keeping its data dir and config file under {@code directory}. */
    public static InProcessGateway start(GatewayConfig config, Path directory) throws Exception {
        Path configFile = directory.resolve("tollgate.yaml");
        Files.writeString(configFile, ConfigMapper.toYaml(config));
        RuntimeOptions options = RuntimeOptions.forTests()
                .withConfigFile(configFile)
                .withDataDirectory(directory.resolve("data"))
                .withAdminPort(0)
                .withWatchConfig(false);
        return new InProcessGateway(RunningGateway.start(options, "e2e-node", ADMIN_TOKEN, created -> { }));
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + gateway.runtime().adminPort();
    }

    public String dataUrl() {
        return "http://127.0.0.1:" + gateway.runtime().dataPort();
    }

    public GatewayConfig currentConfig() {
        return gateway.admin().store().current().config();
    }

    public long currentRevision() {
        return gateway.admin().store().current().revision();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
