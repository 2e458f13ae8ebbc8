package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.config.ConfigApplier;
import dev.tollgate.runtime.store.ConfigFileSync;
import dev.tollgate.runtime.store.DataDirectory;
import dev.tollgate.runtime.store.FileConfigStore;
import dev.tollgate.runtime.store.StoreWriteException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin side of a runtime with a data dir: the open data dir, the config file rules and the
 * admin API handler. Start-up order:
 * <ol>
 *   <li>{@link #open}: lock and load the data dir, create the first admin token if there is none,
 *       and bring the data dir in line with the config file ({@link ConfigFileSync});
 *   <li>{@link #newHandler}: the admin port's handler;
 *   <li>{@link #serveThrough}: serve the data dir's current revision through the data plane's applier,
 *       and every later commit.
 * </ol>
 */
public final class AdminRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRuntime.class);

    /**
     * Command-line settings of the admin side.
     *
     * @param configFile the {@code --config} file, or null
     * @param suppliedAdminToken the {@code TOLLGATE_ADMIN_TOKEN} value, or null
     */
    public record Options(Path dataDirectory, Path configFile, String nodeId, Clock clock, String suppliedAdminToken) {

        public Options {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Options options;
    private final DataDirectory directory;
    private final ConfigFileSync fileSync;
    private final AuthFailureMonitor authFailures;

    private AdminRuntime(Options options, DataDirectory directory, ConfigFileSync fileSync, AuthFailureMonitor authFailures) {
        this.options = options;
        this.directory = directory;
        this.fileSync = fileSync;
        this.authFailures = authFailures;
    }

    /**
     * Opens the data dir and applies the start-up rules.
     *
     * @param authFailureSink receives the reason of every failed admin authentication (for metrics)
     * @param showGeneratedToken shows a generated first admin token once; it is stored only as a hash
     * @throws dev.tollgate.runtime.store.CorruptStoreException when a file in the data dir is broken
     * @throws InvalidConfigException when the config file is invalid
     */
    public static AdminRuntime open(Options options, Consumer<String> authFailureSink,
            Consumer<AdminToken.CreatedAdminToken> showGeneratedToken) throws IOException {
        DataDirectory directory = DataDirectory.open(options.dataDirectory(), options.clock());
        try {
            directory.bootstrapAdminToken(options.suppliedAdminToken()).ifPresent(showGeneratedToken);
            ConfigFileSync fileSync = null;
            if (options.configFile() != null) {
                fileSync = new ConfigFileSync(directory.configStore(), options.configFile(), options.clock());
                fileSync.sync();
            } else if (directory.configStore().isEmpty()) {
                LOG.info("the data dir {} holds no config yet; serving no routes until one is PUT to the admin API",
                        options.dataDirectory());
            }
            LOG.info("config revision {} from the data dir {} will serve", directory.configStore().current().revision(),
                    options.dataDirectory());
            return new AdminRuntime(options, directory, fileSync, new AuthFailureMonitor(options.clock(), authFailureSink));
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** A new admin API handler over this data dir, with {@code delegated} endpoints behind its authentication. */
    public AdminApiHandler newHandler(List<DelegatedEndpoint> delegated) {
        return new AdminApiHandler(directory.configStore(), directory.tokenStore(), authFailures,
                AdminApiSettings.defaults(options.nodeId(), options.clock()), delegated);
    }

    /**
     * Serves the current revision through {@code applier} now and every committed revision from then on.
     *
     * @throws InvalidConfigException when the applier cannot compile the current revision
     */
    public void serveThrough(ConfigApplier applier) {
        directory.configStore().bindApplier(applier);
    }

    /**
     * Handles a changed config file (file watch or SIGHUP) by the same rules as start-up. An invalid
     * file or a failed write is logged and changes nothing.
     */
    public void onConfigFileChanged(Path file, String text) {
        // The file watcher reports an absolute path, while --config may have been relative.
        if (fileSync == null || !absolute(fileSync.file()).equals(absolute(file))) {
            LOG.warn("ignoring a change of {}, which is not the config file this runtime was started with", file);
            return;
        }
        try {
            ConfigFileSync.Outcome outcome = fileSync.sync(text);
            LOG.debug("config file {} reloaded: {}", file, outcome);
        } catch (InvalidConfigException e) {
            LOG.warn("rejected the new version of {}: {} problem(s); revision {} keeps serving", file,
                    e.violations().size(), directory.configStore().current().revision());
            for (Violation violation : e.violations()) {
                LOG.warn("  {}", violation);
            }
        } catch (StoreWriteException e) {
            LOG.error("could not store the new version of {} in the data dir; revision {} keeps serving", file,
                    directory.configStore().current().revision(), e);
        }
    }

    private static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }

    public FileConfigStore store() {
        return directory.configStore();
    }

    public DataDirectory dataDirectory() {
        return directory;
    }

    public AuthFailureMonitor authFailures() {
        return authFailures;
    }

    @Override
    public void close() throws IOException {
        directory.close();
    }
}
