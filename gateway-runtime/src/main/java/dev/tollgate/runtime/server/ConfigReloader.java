package dev.tollgate.runtime.server;

import dev.tollgate.runtime.config.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config file when it changes on disk or when the process receives SIGHUP, and hands
 * the new text to a {@link ConfigFileListener}.
 *
 * <p>The file's directory is watched, because editors and deployment tools often replace a file
 * by renaming a new one over it. Bursts of events are debounced, and a file whose SHA-256 equals
 * the last one handed over is skipped; SIGHUP always reloads.
 */
public final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final ConfigFileListener listener;
    private final ScheduledExecutorService executor;
    private final Duration debounce;
    private final Object lock = new Object();

    private WatchService watchService;
    private Thread watchThread;
    private ScheduledFuture<?> pendingReload;
    private byte[] lastHash;
    private sun.misc.SignalHandler previousSighupHandler;

    /**
     * @param executor runs reloads one at a time; owned by the caller
     * @param debounce how long the file must stay quiet before it is read
     */
    public ConfigReloader(Path file, ConfigFileListener listener, ScheduledExecutorService executor, Duration debounce) {
        this.file = file.toAbsolutePath().normalize();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
    }

    /** Remembers the content already applied at startup, so an unchanged file is not applied twice. */
    public void markApplied(String document) {
        synchronized (lock) {
            lastHash = sha256(document);
        }
    }

    /** Starts watching the file's directory. */
    public void watchFile() throws IOException {
        Path directory = file.getParent();
        watchService = directory.getFileSystem().newWatchService();
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watchThread = Thread.ofPlatform().name("tollgate-config-watch").daemon().start(this::watchLoop);
        LOG.info("Watching {} for changes", file);
    }

    /**
     * Installs a SIGHUP handler that reloads the file. Returns false, after logging why, when the
     * platform or JVM does not offer the signal (for example on Windows or with {@code -Xrs}).
     */
    public boolean handleSighup() {
        try {
            previousSighupHandler = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloadNow("SIGHUP", true));
            LOG.info("SIGHUP reloads {}", file);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("SIGHUP reload is unavailable on this platform ({}); the config file is still reloaded when it changes",
                    e.toString());
            return false;
        }
    }

    /** Schedules a reload; {@code force} hands the file over even when its content did not change. */
    public void reloadNow(String trigger, boolean force) {
        executor.execute(() -> reload(trigger, force));
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path changed && file.getFileName().equals(changed)) {
                        relevant = true;
                    } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                    }
                }
                key.reset();
                if (relevant) {
                    scheduleDebounced();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("Stopped watching {}", file);
        }
    }

    private void scheduleDebounced() {
        synchronized (lock) {
            if (pendingReload != null) {
                pendingReload.cancel(false);
            }
            pendingReload = executor.schedule(() -> reload("file change", false), debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reload(String trigger, boolean force) {
        String document;
        try {
            document = ConfigFiles.read(file);
        } catch (IOException e) {
            LOG.warn("Reloading {} after {} failed: cannot read the file ({}); the current config keeps serving", file,
                    trigger, e.toString());
            return;
        }
        byte[] hash = sha256(document);
        synchronized (lock) {
            if (!force && Arrays.equals(hash, lastHash)) {
                LOG.debug("{} changed on disk but its content did not; nothing to reload", file);
                return;
            }
            lastHash = hash;
        }
        LOG.info("Reloading {} after {}", file, trigger);
        try {
            listener.onConfigFileChanged(file, document);
        } catch (RuntimeException e) {
            LOG.warn("Reloading {} failed; the current config keeps serving", file, e);
        }
    }

    private static byte[] sha256(String document) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (previousSighupHandler != null) {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), previousSighupHandler);
            previousSighupHandler = null;
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch service of {} failed", file, e);
            }
        }
        if (watchThread != null) {
            watchThread.interrupt();
        }
        synchronized (lock) {
            if (pendingReload != null) {
                pendingReload.cancel(false);
            }
        }
    }
}
