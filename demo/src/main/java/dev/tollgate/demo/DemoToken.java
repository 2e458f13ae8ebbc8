package dev.tollgate.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's admin token, kept in a file readable only by its owner. A second run of the demo on the
 * same data directory reuses it, because the runtime stored its hash on the first run.
 */
final class DemoToken {

    /** 32 random bytes, 256 bits, encoded as 43 base64url characters. */
    private static final int TOKEN_BYTES = 32;

    private DemoToken() {}

    /**
     * Reads the token from {@code file}, or creates the file with a new random token.
     *
     * @throws IllegalStateException when the file is missing but {@code dataDirectory} already holds
     *     a runtime's data, because that runtime stores only the hash of a token that is lost
     */
    static String readOrCreate(Path file, Path dataDirectory) throws IOException {
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("admin token file " + file + " is empty; delete "
                        + file.getParent() + " to start the demo afresh");
            }
            return token;
        }
        if (isNonEmptyDirectory(dataDirectory)) {
            throw new IllegalStateException("admin token file " + file + " is missing but the data directory "
                    + dataDirectory + " is not empty; delete " + dataDirectory + " to start the demo afresh");
        }

        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // NOTE: on a file system without POSIX permissions the file gets the default permissions.
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file, dataDirectory);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return token;
    }

    private static boolean isNonEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }
}
