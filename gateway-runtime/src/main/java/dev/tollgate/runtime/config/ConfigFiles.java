package dev.tollgate.runtime.config;

import dev.tollgate.model.json.ConfigMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size-capped reader for config files, so a huge or endless file cannot exhaust the heap. */
public final class ConfigFiles {

    /**
     * Maximum size of a config file. Every UTF-8 byte sequence decodes to at most as many chars as
     * it has bytes, so a file within this limit is also within {@link ConfigMapper#MAX_DOCUMENT_CHARS}.
     */
    public static final int MAX_FILE_BYTES = ConfigMapper.MAX_DOCUMENT_CHARS;

    private ConfigFiles() {}

    /**
     * Reads a config file as UTF-8, reading at most {@link #MAX_FILE_BYTES} + 1 bytes.
     *
     * @throws IOException when the file is not a regular file (a device, a FIFO or a directory),
     *     is larger than the limit, is not valid UTF-8 or cannot be read
     */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            String reason = Files.exists(file) ? "is not a regular file" : "does not exist";
            throw new IOException("the config file " + file + " " + reason
                    + "; give the path of a regular file of at most " + MAX_FILE_BYTES + " bytes");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new IOException("the config file " + file + " is larger than the limit of " + MAX_FILE_BYTES + " bytes");
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content))
                .toString();
    }
}
