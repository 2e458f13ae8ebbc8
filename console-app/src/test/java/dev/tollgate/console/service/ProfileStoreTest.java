package dev.tollgate.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path home;

    @Test
    void savedProfilesAreReadableByOwnerOnly() throws Exception {
        Path directory = home.resolve("config/tollgate");
        ProfileStore store = new ProfileStore(directory);

        store.save(new ConnectionProfile("local", "http://127.0.0.1:9901", "secret-token"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(store.load()).containsExactly(new ConnectionProfile("local", "http://127.0.0.1:9901", "secret-token"));
    }

    @Test
    void saveReplacesProfileWithSameName() throws Exception {
        ProfileStore store = new ProfileStore(home);
        store.save(new ConnectionProfile("b", "http://127.0.0.1:1", "t1"));
        store.save(new ConnectionProfile("a", "http://127.0.0.1:2", "t2"));

        store.save(new ConnectionProfile("b", "http://127.0.0.1:3", "t3"));

        assertThat(store.load()).extracting(ConnectionProfile::name, ConnectionProfile::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "http://127.0.0.1:2"),
                        org.assertj.core.groups.Tuple.tuple("b", "http://127.0.0.1:3"));
        assertThat(store.delete("a")).extracting(ConnectionProfile::name).containsExactly("b");
    }

    @Test
    void profileToStringHidesToken() {
        assertThat(new ConnectionProfile("local", "http://127.0.0.1:9901", "secret-token").toString())
                .doesNotContain("secret-token").contains("<redacted>");
    }

    @Test
    void directoryFollowsOverrideThenXdgThenHome() {
        assertThat(ProfileStore.defaultDirectory("/tmp/x", "/xdg", "/home/u")).isEqualTo(Path.of("/tmp/x"));
        assertThat(ProfileStore.defaultDirectory(null, "/xdg", "/home/u")).isEqualTo(Path.of("/xdg/tollgate"));
        assertThat(ProfileStore.defaultDirectory(null, "", "/home/u")).isEqualTo(Path.of("/home/u/.config/tollgate"));
    }

    @Test
    void invalidUrlIsRejectedWithTheValue() {
        assertThatThrownBy(() -> new ConnectionProfile("x", "ftp://host", "t"))
                .hasMessage("profile \"x\": \"ftp://host\" must start with http:// or https://");
    }
}
