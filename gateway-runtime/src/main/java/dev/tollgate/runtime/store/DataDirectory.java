package dev.tollgate.runtime.store;

import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.Role;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open data directory ({@code --data-dir}): the config store, the admin tokens and the audit log,
 * held under an exclusive lock on {@code .lock} so two processes never write the same directory.
 * The operating system releases the lock when the process dies, so a crash never leaves it stale.
 */
public final class DataDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /** Environment variable an operator can set to choose the first admin token. */
    public static final String ADMIN_TOKEN_VARIABLE = "TOLLGATE_ADMIN_TOKEN";
    static final String LOCK_FILE = ".lock";
    static final String AUDIT_FILE = "audit.log";

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileAuditLog auditLog;
    private final FileConfigStore configStore;
    private final FileTokenStore tokenStore;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock, FileAuditLog auditLog,
            FileConfigStore configStore, FileTokenStore tokenStore) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.auditLog = auditLog;
        this.configStore = configStore;
        this.tokenStore = tokenStore;
    }

    /**
     * Opens (and on first use creates) a data directory.
     *
     * @throws CorruptStoreException when a file in it cannot be read as the store wrote it
     * @throws IllegalStateException when another process has the directory locked
     */
    public static DataDirectory open(Path path, Clock clock) throws IOException {
        createOwnerOnly(path);
        FileChannel lockChannel = FileChannel.open(path.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(path, lockChannel);
        FileAuditLog auditLog = null;
        try {
            deleteTemporaryFiles(path);
            auditLog = FileAuditLog.open(path.resolve(AUDIT_FILE), clock);
            FileConfigStore configStore = FileConfigStore.open(path, clock, auditLog);
            FileTokenStore tokenStore = FileTokenStore.open(path.resolve(FileTokenStore.FILE_NAME), clock,
                    new SecureRandom());
            return new DataDirectory(path, lockChannel, lock, auditLog, configStore, tokenStore);
        } catch (RuntimeException | IOException e) {
            if (auditLog != null) {
                auditLog.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Creates a missing data dir readable only by its owner, where the file system has POSIX permissions. */
    private static void createOwnerOnly(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        Files.createDirectories(path);
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static FileLock tryLock(Path path, FileChannel lockChannel) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("the data dir " + path + " is in use by another Tollgate process; "
                    + "stop it first, or use the admin API of the running process");
        }
        return lock;
    }

    private static void deleteTemporaryFiles(Path path) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*" + AtomicFiles.TEMP_SUFFIX)) {
            for (Path file : files) {
                LOG.info("deleting {}, a temporary file left by an interrupted write", file);
                Files.deleteIfExists(file);
            }
        }
    }

    public Path path() {
        return path;
    }

    public FileConfigStore configStore() {
        return configStore;
    }

    public FileTokenStore tokenStore() {
        return tokenStore;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    /**
     * Makes sure an admin can log in: when the directory has no tokens yet, stores the token from
     * {@code suppliedToken} (the {@value #ADMIN_TOKEN_VARIABLE} variable) or generates one.
     *
     * @return the generated token, which the caller must show once; empty when tokens already
     *     existed or the operator supplied the token
     */
    public Optional<AdminToken.CreatedAdminToken> bootstrapAdminToken(String suppliedToken) {
        if (!tokenStore.isEmpty()) {
            // A supplied token that is already stored (the demo and scripted restarts set it every
            // time) works as it is, so only a different token is reported as ignored.
            if (suppliedToken != null && !suppliedToken.isBlank() && tokenStore.authenticate(suppliedToken).isEmpty()) {
                LOG.info("{} is set but the data dir {} already has admin tokens, so it is ignored; create more "
                        + "with tollgate admin-token create or POST /admin/v1/tokens", ADMIN_TOKEN_VARIABLE, path);
            }
            return Optional.empty();
        }
        if (suppliedToken != null && !suppliedToken.isBlank()) {
            AdminToken token = tokenStore.importToken(suppliedToken, Role.ADMIN,
                    "bootstrap token from " + ADMIN_TOKEN_VARIABLE);
            auditLog.append(tokenAudit("system", "token.import", token.id()));
            LOG.info("stored the admin token {} from {}", token.id(), ADMIN_TOKEN_VARIABLE);
            return Optional.empty();
        }
        AdminToken.CreatedAdminToken created = tokenStore.create(Role.ADMIN, "generated on first start");
        auditLog.append(tokenAudit("system", "token.create", created.token().id()));
        LOG.info("generated the first admin token {}", created.token().id());
        return Optional.of(created);
    }

    /** Builds an audit entry for a token change; the log fills in the sequence and time. */
    public static AuditEntry tokenAudit(String actor, String action, String tokenId) {
        return new AuditEntry(0, null, actor, action, tokenId, null, null, null);
    }

    /** Closes the audit log and releases the lock; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            auditLog.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
