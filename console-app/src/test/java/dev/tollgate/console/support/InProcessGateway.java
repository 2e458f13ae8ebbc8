package dev.tollgate.console.support;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.admin.AdminRuntime;
import dev.tollgate.runtime.admin.DelegatedEndpoint;
import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TollgateRuntime;
import dev.tollgate.runtime.store.StoredConfig;
import dev.tollgate.runtime.telemetry.Telemetry;
import dev.tollgate.runtime.telemetry.TelemetryEndpoints;
import dev.tollgate.runtime.telemetry.TelemetrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A whole gateway in this JVM, wired as {@code tollgate run --data-dir} wires it: data plane,
 * telemetry (metrics stream, recent traffic) and the admin API over a data dir, all on loopback
 * with free ports. Tests drive the console against it.
 */
public final class InProcessGateway implements AutoCloseable {

    /** A supplied admin token; the runtime requires at least 32 characters. */
    public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef0123";

    private final ScheduledExecutorService scheduler;
    private final Telemetry telemetry;
    private final TollgateRuntime runtime;
    private final AdminRuntime admin;

    private InProcessGateway(ScheduledExecutorService scheduler, Telemetry telemetry, TollgateRuntime runtime, AdminRuntime admin) {
        this.scheduler = scheduler;
        this.telemetry = telemetry;
        this.runtime = runtime;
        this.admin = admin;
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
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("e2e-telemetry").daemon().factory());
        Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS, options.clock(), scheduler, "e2e-node");
        TollgateRuntime runtime = new TollgateRuntime(options);
        AdminRuntime admin = AdminRuntime.open(new AdminRuntime.Options(options.dataDirectory(), configFile, "e2e-node",
                options.clock(), ADMIN_TOKEN), telemetry::recordAuthFailure, created -> { });
        runtime.setExchangeObserver(telemetry);
        admin.store().addListener((committed, change) -> publishRevision(telemetry, committed));
        runtime.setAdminHandler(admin.newHandler(delegated(telemetry.endpoints())));
        runtime.setConfigSource(applier -> {
            admin.serveThrough(applier);
            publishRevision(telemetry, admin.store().current());
        });
        telemetry.start();
        runtime.start();
        return new InProcessGateway(scheduler, telemetry, runtime, admin);
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + runtime.adminPort();
    }

    public String dataUrl() {
        return "http://127.0.0.1:" + runtime.dataPort();
    }

    public GatewayConfig currentConfig() {
        return admin.store().current().config();
    }

    public long currentRevision() {
        return admin.store().current().revision();
    }

    private static List<DelegatedEndpoint> delegated(TelemetryEndpoints endpoints) {
        return List.of(
                new DelegatedEndpoint("GET", AdminPaths.STREAM, Role.VIEWER, "getStream", "live stream",
                        (request, response, callback) -> {
                            endpoints.handleStream(request, response, callback);
                            return true;
                        }),
                new DelegatedEndpoint("GET", AdminPaths.TRAFFIC_RECENT, Role.VIEWER, "getRecentTraffic", "recent traffic",
                        (request, response, callback) -> {
                            endpoints.handleRecentTraffic(request, response, callback);
                            return true;
                        }));
    }

    private static void publishRevision(Telemetry telemetry, StoredConfig serving) {
        GatewayConfig config = serving.config();
        telemetry.updateRoutes(config.routes().stream().map(Route::id).toList());
        telemetry.updateSensitiveQueryParameters(config.gateway().redactedQueryParameters());
        telemetry.updateRecentCapacity(config.gateway().recentTrafficPerRoute());
        telemetry.onConfigChanged(new ConfigEvent(serving.summary().createdAt(), serving.revision(), serving.hash(),
                serving.summary().author(), serving.summary().action()));
    }

    @Override
    public void close() throws Exception {
        runtime.close();
        telemetry.close();
        scheduler.shutdownNow();
        admin.close();
    }
}
