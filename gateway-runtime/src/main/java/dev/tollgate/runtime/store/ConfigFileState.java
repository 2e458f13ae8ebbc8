package dev.tollgate.runtime.store;

import java.time.Instant;

/**
 * The store's record of the config file ({@code --config}) it last took a revision from,
 * so a later start or reload can tell whether the file or the API changed since.
 *
 * @param file the file's path as given
 * @param fileHash SHA-256 of the file document's canonical JSON, hex
 * @param revision the revision that held the file's content when it was last applied or matched
 */
public record ConfigFileState(String file, String fileHash, long revision, Instant recordedAt) {}
