package dev.tollgate.runtime.cli;

import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.runtime.admin.AdminRuntime;
import dev.tollgate.runtime.admin.DelegatedEndpoint;
import dev.tollgate.runtime.server.RuntimeOptions;
import dev.tollgate.runtime.server.TollgateRuntime;
import dev.tollgate.runtime.store.StoredConfig;
import dev.tollgate.runtime.telemetry.Telemetry;
import dev.tollgate.runtime.telemetry.TelemetryEndpoints;
import dev.tollgate.runtime.telemetry.TelemetrySettings;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole gateway process as {@code tollgate run} starts it: the data plane ({@link TollgateRuntime}),
 * telemetry, and, with a data dir, the durable config store behind the admin API. Without a data dir
 * there is nowhere to keep admin tokens, so the admin port serves nothing and the config file alone
 * is the source of config.
 */
public final class RunningGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

    private final ScheduledExecutorService telemetryScheduler;
    private final Telemetry telemetry;
    private final TollgateRuntime runtime;
    private final AdminRuntime admin;

    private RunningGateway(ScheduledExecutorService telemetryScheduler, Telemetry telemetry, TollgateRuntime runtime,
            AdminRuntime admin) {
        this.telemetryScheduler = telemetryScheduler;
        this.telemetry = telemetry;
        this.runtime = runtime;
        this.admin = admin;
    }

    /**
     * Opens the data dir (if any), starts telemetry and the runtime, and returns once both ports listen.
     *
     * @param suppliedAdminToken the {@code TOLLGATE_ADMIN_TOKEN} value, or null
     * @param showGeneratedToken shows a generated first admin token once
     */
    public static RunningGateway start(RuntimeOptions options, String nodeId, String suppliedAdminToken,
            Consumer<AdminToken.CreatedAdminToken> showGeneratedToken) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tollgate-telemetry").daemon().factory());
        Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS, options.clock(), scheduler, nodeId);
        TollgateRuntime runtime = new TollgateRuntime(options);
        AdminRuntime admin = null;
        try {
            runtime.setExchangeObserver(telemetry);
            if (options.dataDirectory() != null) {
                admin = AdminRuntime.open(new AdminRuntime.Options(options.dataDirectory(), options.configFile(), nodeId,
                        options.clock(), suppliedAdminToken), telemetry::recordAuthFailure, showGeneratedToken);
                wireAdmin(runtime, admin, telemetry);
            } else {
                LOG.warn("no --data-dir: the admin API is off, and config changes come from the config file only");
            }
            telemetry.start();
            runtime.start();
            return new RunningGateway(scheduler, telemetry, runtime, admin);
        } catch (Exception | Error e) {
            closeAll(runtime, telemetry, scheduler, admin);
            throw e;
        }
    }

    private static void wireAdmin(TollgateRuntime runtime, AdminRuntime admin, Telemetry telemetry) {
        admin.store().addListener((committed, change) -> publishRevision(telemetry, committed));
        runtime.setAdminHandler(admin.newHandler(telemetryEndpoints(telemetry.endpoints())));
        runtime.setConfigFileListener(admin::onConfigFileChanged);
        runtime.setConfigSource(applier -> {
            admin.serveThrough(applier);
            publishRevision(telemetry, admin.store().current());
        });
    }

    private static List<DelegatedEndpoint> telemetryEndpoints(TelemetryEndpoints endpoints) {
        return List.of(
                new DelegatedEndpoint("GET", AdminPaths.METRICS, Role.VIEWER, "getMetrics",
                        "Prometheus text format 0.0.4", (request, response, callback) -> {
                            endpoints.handleMetrics(request, response, callback);
                            return true;
                        }),
                new DelegatedEndpoint("GET", AdminPaths.STREAM, Role.VIEWER, "getStream",
                        "Server-sent events: metrics every interval, config changes; resumes with Last-Event-ID",
                        (request, response, callback) -> {
                            endpoints.handleStream(request, response, callback);
                            return true;
                        }),
                new DelegatedEndpoint("GET", AdminPaths.TRAFFIC_RECENT, Role.VIEWER, "getRecentTraffic",
                        "Recent request summaries, newest first; filter by route, status, consumer and limit",
                        (request, response, callback) -> {
                            endpoints.handleRecentTraffic(request, response, callback);
                            return true;
                        }));
    }

    /** Tells telemetry about the serving revision: the config event, the route ids and the settings it uses. */
    private static void publishRevision(Telemetry telemetry, StoredConfig serving) {
        GatewayConfig config = serving.config();
        telemetry.updateRoutes(config.routes().stream().map(Route::id).toList());
        telemetry.updateSensitiveQueryParameters(config.gateway().redactedQueryParameters());
        telemetry.updateRecentCapacity(config.gateway().recentTrafficPerRoute());
        telemetry.onConfigChanged(new ConfigEvent(serving.summary().createdAt(), serving.revision(), serving.hash(),
                serving.summary().author(), serving.summary().action()));
    }

    public TollgateRuntime runtime() {
        return runtime;
    }

    /** Returns the admin side, or null when the gateway runs without a data dir. */
    public AdminRuntime admin() {
        return admin;
    }

    @Override
    public void close() {
        closeAll(runtime, telemetry, telemetryScheduler, admin);
    }

    private static void closeAll(TollgateRuntime runtime, Telemetry telemetry, ScheduledExecutorService scheduler,
            AdminRuntime admin) {
        // Telemetry ends the open event streams while the admin port still serves them, so each
        // client gets its queued frames and a clean end. Only then does the runtime stop the ports.
        telemetry.close();
        runtime.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            try {
                admin.close();
            } catch (IOException e) {
                LOG.warn("closing the data dir {} failed", admin.dataDirectory().path(), e);
            }
        }
    }
}
