package dev.tollgate.runtime.server;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.config.ConfigApplier;
import dev.tollgate.runtime.config.ConfigFiles;
import dev.tollgate.runtime.proxy.GatewayHandler;
import dev.tollgate.runtime.proxy.UpstreamHttpClient;
import dev.tollgate.runtime.telemetry.ExchangeObserver;
import dev.tollgate.runtime.upstream.JettyHealthProbe;
import dev.tollgate.runtime.upstream.UpstreamEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole gateway process: the upstream client, the serving snapshot, the Jetty server with its
 * data and admin ports, and the config reload triggers. The command line and tests start it the
 * same way:
 *
 * <pre>{@code
 * try (TollgateRuntime runtime = new TollgateRuntime(options)) {
 *     runtime.setExchangeObserver(metrics);   // optional, before start()
 *     runtime.setAdminHandler(adminApi);      // optional, before start()
 *     runtime.start();
 *     ... runtime.dataPort() ...
 * }
 * }</pre>
 */
public final class TollgateRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TollgateRuntime.class);

    private final RuntimeOptions options;
    private final QueuedThreadPool threads;
    private final UpstreamHttpClient httpClient;
    private final ScheduledExecutorService scheduler;
    private final SnapshotHolder snapshots;

    private ExchangeObserver observer = ExchangeObserver.NONE;
    private Handler adminHandler;
    private ConfigFileListener configFileListener;
    private Consumer<ConfigApplier> configSource;
    private GatewayServer server;
    private ConfigReloader reloader;
    private boolean started;
    /** Set by the first {@link #close}, so a failed start followed by the owner's close stops once. */
    private final AtomicBoolean closed = new AtomicBoolean();

    public TollgateRuntime(RuntimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // One pool for the server and the upstream client: a proxied exchange moves between the
        // two, and a hand-over inside one pool is cheaper than one between pools.
        this.threads = GatewayServer.newThreadPool();
        this.httpClient = UpstreamHttpClient.create(threads);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tollgate-scheduler").daemon().factory());
        this.snapshots = new SnapshotHolder(new UpstreamEnvironment(options.clock(), scheduler, new JettyHealthProbe(httpClient)));
        this.configFileListener = this::applyConfigFile;
    }

    /** Sets the observer of every exchange; ignored when the options turn telemetry off. */
    public void setExchangeObserver(ExchangeObserver observer) {
        requireNotStarted();
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Sets the handler of the admin port; without one the admin port responds with 404. */
    public void setAdminHandler(Handler adminHandler) {
        requireNotStarted();
        this.adminHandler = adminHandler;
    }

    /**
     * Replaces what happens when the config file changes or SIGHUP arrives. The default parses
     * the file and applies it as the next revision.
     */
    public void setConfigFileListener(ConfigFileListener listener) {
        requireNotStarted();
        this.configFileListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Makes a config store the source of the serving config. At start it receives the applier and
     * must apply its current revision; the config file is then not applied directly, so set a
     * {@link #setConfigFileListener} that hands file changes to the store as well.
     */
    public void setConfigSource(Consumer<ConfigApplier> source) {
        requireNotStarted();
        this.configSource = Objects.requireNonNull(source, "source");
    }

    /** Returns the applier that swaps the serving snapshot; the admin API and config store call it. */
    public SnapshotHolder applier() {
        return snapshots;
    }

    public RuntimeOptions options() {
        return options;
    }

    /**
     * Loads the config file (if any), starts the upstream client and opens the ports.
     *
     * @throws InvalidConfigException when the config file is invalid; nothing is left running
     */
    public void start() throws Exception {
        requireNotStarted();
        started = true;
        try {
            AccessLogOutput.configure(options.accessLog());
            threads.start();
            httpClient.start();
            String document = loadInitialConfig();

            ExchangeObserver effectiveObserver = options.telemetry() ? observer : ExchangeObserver.NONE;
            GatewayHandler gatewayHandler = new GatewayHandler(snapshots, httpClient, effectiveObserver, options.clock());
            GatewayServer.Settings settings = new GatewayServer.Settings(options.bindAddress(), options.port(),
                    options.adminBindAddress(), options.adminPort(), options.tls(), options.connectionLimits());
            server = new GatewayServer(settings, threads, gatewayHandler, adminHandler);
            server.start();

            startReloadTriggers(document);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private String loadInitialConfig() throws IOException {
        Path file = options.configFile();
        if (configSource != null) {
            configSource.accept(snapshots);
            return file == null ? null : ConfigFiles.read(file);
        }
        if (file == null) {
            LOG.info("No config file given; serving no routes until a config is applied");
            return null;
        }
        String document = ConfigFiles.read(file);
        snapshots.apply(parse(file, document), snapshots.get().revision() + 1);
        return document;
    }

    private void startReloadTriggers(String document) throws IOException {
        if (options.configFile() == null || !options.watchConfig()) {
            return;
        }
        reloader = new ConfigReloader(options.configFile(), configFileListener, scheduler, options.reloadDebounce());
        reloader.markApplied(document);
        reloader.watchFile();
        reloader.handleSighup();
    }

    /**
     * Parses a config file's text and applies it as the next revision; an invalid document is
     * logged with every violation at WARN and changes nothing. This is the default
     * {@link ConfigFileListener}.
     */
    public void applyConfigFile(Path file, String document) {
        try {
            snapshots.apply(parse(file, document), snapshots.get().revision() + 1);
        } catch (InvalidConfigException e) {
            LOG.warn("Rejected the new version of {}: {} violation(s); revision {} keeps serving", file,
                    e.violations().size(), snapshots.get().revision());
            for (Violation violation : e.violations()) {
                LOG.warn("  {}", violation);
            }
        }
    }

    /** Parses a config document, as JSON when the file name ends in {@code .json}, else as YAML. */
    public static GatewayConfig parse(Path file, String document) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? ConfigMapper.parseJson(document) : ConfigMapper.parseYaml(document);
    }

    public int dataPort() {
        requireStarted();
        return server.dataPort();
    }

    /** Returns the admin port, or -1 when the options disable it. */
    public int adminPort() {
        requireStarted();
        return server.adminPort();
    }

    /** Triggers the same reload as SIGHUP; for tests and admin tooling. */
    public void reloadConfigFile() {
        if (reloader != null) {
            reloader.reloadNow("reload request", true);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reloader != null) {
            reloader.close();
        }
        stopQuietly("server", () -> {
            if (server != null) {
                server.close();
            }
        });
        stopQuietly("upstream client", httpClient::stop);
        stopQuietly("thread pool", threads::stop);
        snapshots.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server != null) {
            LOG.info("Stopped");
        }
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("the runtime has already been started; configure it before start()");
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the runtime has not been started; call start() first");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void stopQuietly(String component, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Stopping the {} failed", component, e);
        }
    }
}
