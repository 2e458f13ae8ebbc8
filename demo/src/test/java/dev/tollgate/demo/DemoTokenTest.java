package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTokenTest {

    @TempDir
    Path demoDirectory;

    @Test
    void firstRunCreatesOwnerOnlyFile() throws Exception {
        Path file = demoDirectory.resolve("admin-token");

        String token = DemoToken.readOrCreate(file, demoDirectory.resolve("data"));

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file).strip()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void secondRunReusesStoredToken() throws Exception {
        Path file = demoDirectory.resolve("admin-token");
        String first = DemoToken.readOrCreate(file, demoDirectory.resolve("data"));

        String second = DemoToken.readOrCreate(file, demoDirectory.resolve("data"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void missingTokenWithUsedDataDirectoryIsRejected() throws Exception {
        Path data = Files.createDirectories(demoDirectory.resolve("data"));
        Files.writeString(data.resolve("current.json"), "{}");

        assertThatThrownBy(() -> DemoToken.readOrCreate(demoDirectory.resolve("admin-token"), data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is missing but the data directory")
                .hasMessageContaining("delete " + data);
    }
}
