package dev.tollgate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @Test
    void smallFileIsReadAsUtf8(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), "routes: [] # café\n");

        assertThat(ConfigFiles.read(file)).isEqualTo("routes: [] # café\n");
    }

    @Test
    void fileAtTheLimitIsRead(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("gateway.yaml");
        writeSpaces(file, ConfigFiles.MAX_FILE_BYTES);

        assertThat(ConfigFiles.read(file)).hasSize(ConfigFiles.MAX_FILE_BYTES);
    }

    @Test
    void fileOverTheLimitIsRejected(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("gateway.yaml");
        writeSpaces(file, ConfigFiles.MAX_FILE_BYTES + 1);

        assertThatThrownBy(() -> ConfigFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("the config file " + file + " is larger than the limit of " + ConfigFiles.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void deviceFileIsRejected() {
        Path zero = Path.of("/dev/zero");

        assertThatThrownBy(() -> ConfigFiles.read(zero))
                .isInstanceOf(IOException.class)
                .hasMessage("the config file /dev/zero is not a regular file; give the path of a regular file of at most "
                        + ConfigFiles.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void directoryIsRejected(@TempDir Path directory) {
        assertThatThrownBy(() -> ConfigFiles.read(directory))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void invalidUtf8IsRejected(@TempDir Path directory) throws Exception {
        Path file = Files.write(directory.resolve("gateway.yaml"), new byte[] {'a', (byte) 0xC3, '('});

        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(MalformedInputException.class);
    }

    private static void writeSpaces(Path file, int count) throws IOException {
        byte[] block = " ".repeat(64 * 1024).getBytes();
        try (OutputStream out = Files.newOutputStream(file)) {
            int left = count;
            while (left > 0) {
                int length = Math.min(left, block.length);
                out.write(block, 0, length);
                left -= length;
            }
        }
    }
}
