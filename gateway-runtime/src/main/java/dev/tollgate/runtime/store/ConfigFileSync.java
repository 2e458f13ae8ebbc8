package dev.tollgate.runtime.store;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.runtime.config.ConfigFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the data dir in line with the config file ({@code --config}) at start-up and on every
 * reload, without ever overriding changes made through the admin API:
 * <ul>
 *   <li>an empty data dir is seeded from the file;
 *   <li>a file whose document equals the serving revision changes nothing;
 *   <li>a file unchanged since it was last applied changes nothing, so revisions made through the
 *       API since then keep serving;
 *   <li>a changed file is applied as a new revision when the serving revision is still the one the
 *       file was last applied as;
 *   <li>otherwise the file is rejected with a WARN that explains why and what to do.
 * </ul>
 * Files are compared by the SHA-256 of their canonical JSON, so reformatting a file changes nothing.
 */
public final class ConfigFileSync {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileSync.class);
    public static final String AUTHOR = "file";

    private final ConfigStore store;
    private final Path file;
    private final Clock clock;

    /** The result of one sync. */
    public enum Outcome {
        /** The empty data dir was seeded with the file as revision 1. */
        SEEDED,
        /** The file's change was committed as a new revision. */
        APPLIED,
        /** The serving revision already contains the file's document. */
        IN_SYNC,
        /** The file has not changed since it was last applied; the data dir's newer revision serves. */
        KEPT_DATA_DIR,
        /** The file changed, but so did the data dir through the API; nothing was applied. */
        REJECTED
    }

    public ConfigFileSync(ConfigStore store, Path file, Clock clock) {
        this.store = store;
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file and applies the rules above.
     *
     * @throws InvalidConfigException when the file cannot be parsed or is invalid; nothing changes
     * @throws UncheckedIOException when the file cannot be read
     */
    public Outcome sync() {
        return sync(readText(file));
    }

    /**
     * Applies the rules above to {@code text}, the file's content as already read (for example by
     * the file watcher).
     *
     * @throws InvalidConfigException when the text cannot be parsed or is invalid; nothing changes
     */
    public Outcome sync(String text) {
        GatewayConfig document = parse(file, text);
        String fileHash = CanonicalJson.hash(document);
        Outcome[] outcome = new Outcome[1];
        store.withCommitLock(() -> outcome[0] = decideAndApply(document, fileHash));
        return outcome[0];
    }

    private Outcome decideAndApply(GatewayConfig document, String fileHash) {
        StoredConfig serving = store.current();
        Optional<ConfigFileState> last = store.configFileState();

        if (store.isEmpty()) {
            long revision = store.commit(document, 0, new ConfigStore.Change(AUTHOR, "file.seed", file.toString(), null))
                    .revision();
            remember(fileHash, revision);
            LOG.info("seeded the empty config store at {} from {} as revision {}", store.location(), file, revision);
            return Outcome.SEEDED;
        }
        if (fileHash.equals(serving.hash())) {
            if (last.isEmpty() || !last.get().fileHash().equals(fileHash) || last.get().revision() != serving.revision()) {
                remember(fileHash, serving.revision());
            }
            LOG.info("config file {} matches the serving revision {}", file, serving.revision());
            return Outcome.IN_SYNC;
        }
        if (last.isPresent() && last.get().fileHash().equals(fileHash)) {
            LOG.info("config file {} is unchanged since it was applied as revision {}; revision {} from the data dir "
                    + "serves, with changes made through the admin API since", file, last.get().revision(),
                    serving.revision());
            return Outcome.KEPT_DATA_DIR;
        }
        if (last.isPresent() && last.get().revision() == serving.revision()) {
            long revision = store.commit(document, serving.revision(),
                    new ConfigStore.Change(AUTHOR, "file.apply", file.toString(), null)).revision();
            remember(fileHash, revision);
            LOG.info("applied the changed config file {} as revision {}", file, revision);
            return Outcome.APPLIED;
        }
        String since = last.map(state -> "since it was last applied as revision " + state.revision())
                .orElse("and the file was never applied to this store");
        LOG.warn("config file {} changed but was not applied: the config store at {} contains revision {}, "
                + "with changes made through the admin API {}. Applying the file would discard them. To keep the API changes, export "
                + "them with GET /admin/v1/config into the file; to replace them with the file, PUT the file to "
                + "/admin/v1/config with If-Match: \"{}\"", file, store.location(), serving.revision(), since,
                serving.revision());
        return Outcome.REJECTED;
    }

    private void remember(String fileHash, long revision) {
        store.recordConfigFile(new ConfigFileState(file.toString(), fileHash, revision, clock.instant()));
    }

    /** Parses a config file: JSON when it is named {@code *.json}, YAML otherwise. */
    public static GatewayConfig read(Path file) {
        return parse(file, readText(file));
    }

    private static String readText(Path file) {
        try {
            return ConfigFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static GatewayConfig parse(Path file, String text) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return json ? ConfigMapper.parseJson(text) : ConfigMapper.parseYaml(text);
    }
}
