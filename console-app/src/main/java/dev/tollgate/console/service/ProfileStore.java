package dev.tollgate.console.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection profiles in {@code connections.json} under the user's config directory. The file
 * contains admin tokens, so it is written readable and writable by the owner only ({@code rw-------})
 * inside a directory only the owner can enter ({@code rwx------}).
 */
public final class ProfileStore {

    /** System property that replaces the config directory, for tests and portable installs. */
    public static final String CONFIG_DIR_PROPERTY = "tollgate.config.dir";
    public static final String FILE_NAME = "connections.json";

    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    public ProfileStore(Path directory) {
        this.directory = directory;
    }

    /** Returns a store in {@code -Dtollgate.config.dir}, else {@code $XDG_CONFIG_HOME/tollgate}, else {@code ~/.config/tollgate}. */
    public static ProfileStore forCurrentUser() {
        return new ProfileStore(defaultDirectory(System.getProperty(CONFIG_DIR_PROPERTY), System.getenv("XDG_CONFIG_HOME"),
                System.getProperty("user.home")));
    }

    static Path defaultDirectory(String override, String xdgConfigHome, String userHome) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (xdgConfigHome != null && !xdgConfigHome.isBlank()) {
            return Path.of(xdgConfigHome, "tollgate");
        }
        return Path.of(userHome, ".config", "tollgate");
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** Reads every profile, sorted by name; an absent file means no profiles yet. */
    public List<ConnectionProfile> load() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return List.of();
        }
        StoredProfiles stored;
        try {
            stored = JSON.readValue(file.toFile(), StoredProfiles.class);
        } catch (IOException e) {
            throw new IOException("cannot read connection profiles from " + file + ": " + e.getMessage()
                    + "; fix or delete the file", e);
        }
        List<ConnectionProfile> profiles = new ArrayList<>(stored.profiles() == null ? List.of() : stored.profiles());
        profiles.sort(Comparator.comparing(ConnectionProfile::name));
        return List.copyOf(profiles);
    }

    /** Adds or replaces (by name) one profile and writes the file. */
    public List<ConnectionProfile> save(ConnectionProfile profile) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        profiles.removeIf(existing -> existing.name().equals(profile.name()));
        profiles.add(profile);
        write(profiles);
        return load();
    }

    public List<ConnectionProfile> delete(String name) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        if (profiles.removeIf(existing -> existing.name().equals(name))) {
            write(profiles);
        }
        return load();
    }

    private void write(List<ConnectionProfile> profiles) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        createOwnerOnlyDirectory(posix);

        // Create the temporary file with owner-only permissions from the start, so the token is
        // never readable by others, not even between the write and the chmod.
        Path temporary = posix
                ? Files.createTempFile(directory, ".connections", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(directory, ".connections", ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), new StoredProfiles(profiles));
            try {
                Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(file(), OWNER_FILE);
            } else {
                LOG.warn("The file system of {} has no POSIX permissions; restrict access to it by other means", file());
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        LOG.info("Saved {} connection profile(s) to {}", profiles.size(), file());
    }

    private void createOwnerOnlyDirectory(boolean posix) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** The file's JSON shape; {@code version} leaves room for later formats. */
    record StoredProfiles(Integer version, List<ConnectionProfile> profiles) {
        StoredProfiles(List<ConnectionProfile> profiles) {
            this(1, profiles);
        }
    }
}
