package dev.tollgate.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.config.ConfigApplier;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: a data directory holding
 * <ul>
 *   <li>{@code current.json}, the serving revision (document plus revision, hash, author, action);
 *   <li>{@code revisions/000000000042.json}, every revision in the same form, for diff and rollback;
 *   <li>{@code audit.log}, see {@link FileAuditLog};
 *   <li>{@code config-file.json}, the {@link ConfigFileState} of the last config file applied.
 * </ul>
 *
 * <h2>Commit order</h2>
 * A commit runs under one lock, so commits are serialised, and takes these steps:
 * <ol>
 *   <li>compare the expected revision with the current one ({@link StaleRevisionException});
 *   <li>validate with {@link ConfigValidator};
 *   <li>apply through the bound {@link ConfigApplier}, which compiles the document and swaps it in,
 *       or throws and leaves the previous snapshot serving;
 *   <li>write {@code revisions/N.json}, then {@code current.json}, each atomically
 *       ({@link AtomicFiles}). Replacing {@code current.json} is the commit point;
 *   <li>append the audit entry, then tell the listeners.
 * </ol>
 * Applying before persisting means a document that cannot be compiled is never stored. The cost is
 * a short window in which the new snapshot serves before it is durable. If a write fails in that
 * window the previous revision is applied again and the commit fails. If the process dies in that
 * window the change was never acknowledged, and on restart the data dir's revision serves.
 *
 * <p>On load, a revision file exactly one newer than {@code current.json} is the leftover of a
 * commit that died before its commit point; it was never acknowledged and is deleted with a WARN.
 * Anything else that does not fit (unreadable JSON, a hash that does not match the document, an
 * invalid document, a gap) stops loading with a {@link CorruptStoreException} naming the file.
 *
 * <p>NOTE: every revision is kept and read once at start-up; nothing prunes old revisions yet, so
 * the directory and the start-up time grow with the number of changes.
 */
public final class FileConfigStore implements ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileConfigStore.class);
    private static final Pattern REVISION_FILE = Pattern.compile("(\\d{12})\\.json");
    private static final ObjectWriter FILE_WRITER = ConfigMapper.json().writer();
    private static final ConfigApplier NO_APPLIER = (config, revision) -> {};

    static final String CURRENT_FILE = "current.json";
    static final String REVISIONS_DIRECTORY = "revisions";
    static final String CONFIG_FILE_STATE = "config-file.json";

    private final Path dataDirectory;
    private final Path revisionsDirectory;
    private final Clock clock;
    private final AuditLog auditLog;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final NavigableMap<Long, RevisionSummary> summaries;
    private final List<RevisionListener> listeners = new CopyOnWriteArrayList<>();

    private volatile StoredConfig current;
    private volatile ConfigApplier applier = NO_APPLIER;
    private volatile ConfigFileState configFileState;

    private FileConfigStore(Path dataDirectory, Clock clock, AuditLog auditLog, TreeMap<Long, RevisionSummary> summaries,
            StoredConfig current, ConfigFileState configFileState) {
        this.dataDirectory = dataDirectory;
        this.revisionsDirectory = dataDirectory.resolve(REVISIONS_DIRECTORY);
        this.clock = clock;
        this.auditLog = auditLog;
        this.summaries = new ConcurrentSkipListMap<>(summaries);
        this.current = current;
        this.configFileState = configFileState;
    }

    /**
     * Loads the store from {@code dataDirectory}, creating its layout when the directory is new.
     * Prefer {@link DataDirectory#open}, which also takes the directory lock.
     *
     * @throws CorruptStoreException when a file cannot be read as the store wrote it
     */
    static FileConfigStore open(Path dataDirectory, Clock clock, AuditLog auditLog) throws IOException {
        Path revisionsDirectory = dataDirectory.resolve(REVISIONS_DIRECTORY);
        if (!Files.isDirectory(revisionsDirectory)) {
            Files.createDirectories(revisionsDirectory);
            AtomicFiles.syncDirectory(dataDirectory);
        }
        TreeMap<Long, RevisionSummary> summaries = loadRevisionSummaries(revisionsDirectory);
        Path currentFile = dataDirectory.resolve(CURRENT_FILE);
        StoredConfig current = Files.exists(currentFile)
                ? readRevisionFile(currentFile).toStored()
                : empty(clock.instant());
        dropUncommittedRevision(summaries, current, revisionsDirectory);
        checkCurrentAgainstHistory(currentFile, current, summaries);
        ConfigFileState fileState = readConfigFileState(dataDirectory.resolve(CONFIG_FILE_STATE));
        return new FileConfigStore(dataDirectory, clock, auditLog, summaries, current, fileState);
    }

    /** Revision 0: the empty document a new data dir serves until the first commit. */
    private static StoredConfig empty(Instant now) {
        GatewayConfig config = GatewayConfig.empty();
        return new StoredConfig(config, new RevisionSummary(0, CanonicalJson.hash(config), now, "system", "empty"));
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public String location() {
        return dataDirectory.toString();
    }

    /**
     * Serves the current revision through {@code newApplier} now, and every committed revision from
     * then on.
     *
     * @throws InvalidConfigException when the applier cannot compile the stored revision
     */
    public void bindApplier(ConfigApplier newApplier) {
        Objects.requireNonNull(newApplier, "applier");
        commitLock.lock();
        try {
            newApplier.apply(current.config(), current.revision());
            applier = newApplier;
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public StoredConfig current() {
        return current;
    }

    @Override
    public List<RevisionSummary> revisions() {
        return List.copyOf(summaries.values());
    }

    @Override
    public Optional<StoredConfig> revision(long revision) {
        StoredConfig serving = current;
        if (revision == serving.revision()) {
            return Optional.of(serving);
        }
        Path file = revisionFile(revision);
        if (revision <= 0 || !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(readRevisionFile(file).toStored());
    }

    @Override
    public RevisionSummary commit(GatewayConfig config, long expectedRevision, Change change) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(change, "change");
        commitLock.lock();
        try {
            StoredConfig before = current;
            if (expectedRevision != before.revision()) {
                throw new StaleRevisionException(expectedRevision, before.revision());
            }
            ConfigValidator.requireValid(config);
            StoredConfig after = new StoredConfig(config, new RevisionSummary(before.revision() + 1,
                    CanonicalJson.hash(config), clock.instant(), change.author(), change.action()));

            applier.apply(config, after.revision());
            persistOrRestore(before, after);
            current = after;
            summaries.put(after.revision(), after.summary());
            LOG.info("config revision {} committed by {} ({}), hash {}", after.revision(), change.author(),
                    change.action(), after.hash());

            appendAudit(before, after, change);
            notifyListeners(after, change);
            return after.summary();
        } finally {
            commitLock.unlock();
        }
    }

    private void persistOrRestore(StoredConfig before, StoredConfig after) {
        Path revisionFile = revisionFile(after.revision());
        try {
            byte[] content = FILE_WRITER.writeValueAsBytes(RevisionDocument.of(after));
            AtomicFiles.write(revisionFile, content);
            AtomicFiles.write(dataDirectory.resolve(CURRENT_FILE), content);
        } catch (IOException e) {
            LOG.error("cannot persist config revision {} in {}; serving revision {} again", after.revision(),
                    dataDirectory, before.revision(), e);
            deleteQuietly(revisionFile);
            restore(before);
            throw new StoreWriteException("cannot persist config revision " + after.revision() + " in "
                    + dataDirectory + ": " + e.getMessage() + "; the change was not applied", e);
        }
    }

    private void restore(StoredConfig before) {
        try {
            applier.apply(before.config(), before.revision());
        } catch (RuntimeException e) {
            LOG.error("cannot serve revision {} again after a failed commit; the data plane may serve "
                    + "an unpersisted revision until the next successful commit", before.revision(), e);
        }
    }

    private void appendAudit(StoredConfig before, StoredConfig after, Change change) {
        // The revision is committed at this point, so a failed append must not undo it. The caller
        // still gets the failure, because a mutation without its audit entry needs an operator.
        try {
            auditLog.append(new AuditEntry(0, null, change.author(), change.action(), change.target(),
                    before.revision(), after.revision(), change.peerAddress()));
        } catch (StoreWriteException e) {
            LOG.error("config revision {} is committed but its audit entry could not be written", after.revision(), e);
            throw new StoreWriteException("config revision " + after.revision()
                    + " is committed but its audit entry could not be written: " + e.getMessage(), e.getCause());
        }
    }

    private void notifyListeners(StoredConfig committed, Change change) {
        for (RevisionListener listener : listeners) {
            try {
                listener.onCommitted(committed, change);
            } catch (RuntimeException e) {
                LOG.warn("a revision listener failed for revision {}", committed.revision(), e);
            }
        }
    }

    @Override
    public void addListener(RevisionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public Optional<ConfigFileState> configFileState() {
        return Optional.ofNullable(configFileState);
    }

    @Override
    public void recordConfigFile(ConfigFileState state) {
        commitLock.lock();
        try {
            AtomicFiles.write(dataDirectory.resolve(CONFIG_FILE_STATE), FILE_WRITER.writeValueAsBytes(state));
            configFileState = state;
        } catch (IOException e) {
            throw new StoreWriteException("cannot write " + dataDirectory.resolve(CONFIG_FILE_STATE) + ": "
                    + e.getMessage(), e);
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public void withCommitLock(Runnable action) {
        commitLock.lock();
        try {
            action.run();
        } finally {
            commitLock.unlock();
        }
    }

    private Path revisionFile(long revision) {
        return revisionsDirectory.resolve(String.format("%012d.json", revision));
    }

    // ---- loading ----

    private static TreeMap<Long, RevisionSummary> loadRevisionSummaries(Path revisionsDirectory) throws IOException {
        TreeMap<Long, RevisionSummary> summaries = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(revisionsDirectory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    LOG.info("deleting {}, a temporary file left by an interrupted write", file);
                    Files.deleteIfExists(file);
                    continue;
                }
                Matcher matcher = REVISION_FILE.matcher(name);
                if (!matcher.matches()) {
                    throw new CorruptStoreException(file, "unexpected file in the revisions directory; "
                            + "it holds only files named like 000000000042.json. Move the file elsewhere");
                }
                RevisionDocument document = readRevisionFile(file);
                long revisionInName = Long.parseLong(matcher.group(1));
                if (document.revision() != revisionInName) {
                    throw new CorruptStoreException(file, "contains revision " + document.revision()
                            + " but its name says " + revisionInName);
                }
                summaries.put(revisionInName, document.toStored().summary());
            }
        }
        long expected = 1;
        for (long revision : summaries.keySet()) {
            if (revision != expected) {
                throw new CorruptStoreException(revisionsDirectory, "revision " + expected
                        + " is missing; the revisions run 1, 2, 3, ... without gaps. Restore it from a backup");
            }
            expected++;
        }
        return summaries;
    }

    private static void dropUncommittedRevision(TreeMap<Long, RevisionSummary> summaries, StoredConfig current,
            Path revisionsDirectory) throws IOException {
        if (summaries.isEmpty() || summaries.lastKey() != current.revision() + 1) {
            return;
        }
        long leftover = summaries.lastKey();
        Path file = revisionsDirectory.resolve(String.format("%012d.json", leftover));
        LOG.warn("{}: deleting revision {}, written by a commit that stopped before its commit point; "
                + "it was never acknowledged and revision {} serves", file, leftover, current.revision());
        Files.delete(file);
        AtomicFiles.syncDirectory(revisionsDirectory);
        summaries.remove(leftover);
    }

    private static void checkCurrentAgainstHistory(Path currentFile, StoredConfig current,
            TreeMap<Long, RevisionSummary> summaries) {
        long highest = summaries.isEmpty() ? 0 : summaries.lastKey();
        if (current.revision() != highest) {
            String problem = current.revision() == 0
                    ? "is missing but the revisions directory contains revisions up to " + highest
                            + "; copy the newest revision file to " + CURRENT_FILE + " to serve it"
                    : "contains revision " + current.revision() + " but the revisions directory contains revisions up to "
                            + highest + "; restore the matching files from a backup";
            throw new CorruptStoreException(currentFile, problem);
        }
        if (highest > 0 && !summaries.get(highest).hash().equals(current.hash())) {
            throw new CorruptStoreException(currentFile, "contains revision " + highest + " with hash "
                    + current.hash() + " but the revision file has hash " + summaries.get(highest).hash());
        }
    }

    /** Reads and checks one revision file: strict JSON, a hash that matches the document, a valid document. */
    static RevisionDocument readRevisionFile(Path file) {
        RevisionDocument document = parseRevisionFile(file);
        requireFields(file, document);

        String actualHash = CanonicalJson.hash(document.config());
        if (!actualHash.equals(document.hash())) {
            throw new CorruptStoreException(file, "the document's SHA-256 is " + actualHash + " but the file records "
                    + document.hash() + "; the document was edited by hand. Change config through the admin API "
                    + "or the --config file instead");
        }

        List<Violation> violations = ConfigValidator.validate(document.config());
        if (!violations.isEmpty()) {
            throw new CorruptStoreException(file, "the stored document is invalid: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        return document;
    }

    private static RevisionDocument parseRevisionFile(Path file) {
        RevisionDocument document;
        try {
            document = ConfigMapper.json().readValue(Files.readString(file), RevisionDocument.class);
        } catch (NoSuchFileException e) {
            throw new CorruptStoreException(file, "the file disappeared while loading", e);
        } catch (JsonProcessingException e) {
            throw new CorruptStoreException(file, "not a revision document: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CorruptStoreException(file, "cannot read the file: " + e.getMessage(), e);
        }
        if (document == null) {
            throw new CorruptStoreException(file, "the file contains null instead of a revision document");
        }
        return document;
    }

    private static void requireFields(Path file, RevisionDocument document) {
        List<String> missing = new ArrayList<>();
        if (document.hash() == null) {
            missing.add("hash");
        }
        if (document.createdAt() == null) {
            missing.add("createdAt");
        }
        if (document.author() == null) {
            missing.add("author");
        }
        if (document.action() == null) {
            missing.add("action");
        }
        if (document.config() == null) {
            missing.add("config");
        }
        if (!missing.isEmpty()) {
            throw new CorruptStoreException(file, "missing fields: " + String.join(", ", missing));
        }
        if (document.revision() <= 0) {
            throw new CorruptStoreException(file, "revision must be greater than 0, was " + document.revision());
        }
    }

    private static ConfigFileState readConfigFileState(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            ConfigFileState state = ConfigMapper.json().readValue(Files.readString(file), ConfigFileState.class);
            if (state == null || state.fileHash() == null || state.file() == null) {
                throw new CorruptStoreException(file, "missing file or fileHash");
            }
            return state;
        } catch (JsonProcessingException e) {
            throw new CorruptStoreException(file, "not a config file record: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CorruptStoreException(file, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}; the next commit overwrites it", file, e);
        }
    }
}
