package dev.tollgate.runtime.store;

import java.nio.file.Path;

/**
 * A file in the data dir cannot be read as what the store wrote there. Start-up stops with this
 * rather than serving an empty or partial config.
 */
public class CorruptStoreException extends RuntimeException {

    private final Path file;

    public CorruptStoreException(Path file, String problem) {
        this(file, problem, null);
    }

    public CorruptStoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
