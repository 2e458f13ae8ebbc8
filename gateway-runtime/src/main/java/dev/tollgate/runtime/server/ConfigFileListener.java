package dev.tollgate.runtime.server;

import java.nio.file.Path;

/**
 * Receives the text of the config file when it changed on disk or the process got SIGHUP. The
 * default listener parses and applies it. A runtime with a durable config store plugs in one that
 * stores the document as a new revision instead.
 */
@FunctionalInterface
public interface ConfigFileListener {

    /**
     * Handles a new version of {@code file}. Exceptions are caught and logged by the caller; the
     * serving snapshot must stay as it was when the document is invalid.
     */
    void onConfigFileChanged(Path file, String document);
}
