package dev.tollgate.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.json.ConfigMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a file of JSON lines, one {@link AuditEntry} per line, appended and fsynced per
 * entry. Entries are also kept in memory for paging.
 *
 * <p>A crash in the middle of an append can leave a last line without its newline. That entry was
 * never acknowledged, so loading drops it with a WARN. A complete line that does not parse is
 * corruption and stops loading.
 *
 * <p>NOTE: every entry stays in memory for paging, a few hundred bytes each, and the file is never
 * rotated; a gateway with millions of admin changes needs rotation first.
 */
public final class FileAuditLog implements AuditLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final ObjectWriter LINE_WRITER = ConfigMapper.json().writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Clock clock;
    private final List<AuditEntry> entries;
    private final FileChannel channel;

    private FileAuditLog(Path file, Clock clock, List<AuditEntry> entries, FileChannel channel) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
        this.channel = channel;
    }

    /** Loads {@code file}, creating it when missing, and opens it for appending. */
    public static FileAuditLog open(Path file, Clock clock) {
        try {
            boolean created = !Files.exists(file);
            List<AuditEntry> entries = created ? new ArrayList<>() : load(file);
            FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (created) {
                AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
            }
            return new FileAuditLog(file, clock, entries, channel);
        } catch (IOException e) {
            throw new CorruptStoreException(file, "cannot open the audit log: " + e.getMessage(), e);
        }
    }

    private static List<AuditEntry> load(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int completeLength = lastNewline(content) + 1;
        if (completeLength < content.length) {
            LOG.warn("{}: dropping an incomplete last line of {} bytes, left by a crash during an append; "
                    + "that entry was never acknowledged", file, content.length - completeLength);
            try (FileChannel truncating = FileChannel.open(file, StandardOpenOption.WRITE)) {
                truncating.truncate(completeLength);
                truncating.force(true);
            }
        }
        String text = new String(content, 0, completeLength, StandardCharsets.UTF_8);
        List<AuditEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            entries.add(parseLine(file, lines[i], i + 1, entries));
        }
        return entries;
    }

    private static AuditEntry parseLine(Path file, String line, int lineNumber, List<AuditEntry> previous) {
        AuditEntry entry;
        try {
            entry = ConfigMapper.json().readValue(line, AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new CorruptStoreException(file, "line " + lineNumber + " is not an audit entry: "
                    + e.getOriginalMessage() + "; fix or remove the line");
        }
        if (entry == null || entry.at() == null || entry.actor() == null || entry.action() == null) {
            throw new CorruptStoreException(file, "line " + lineNumber + " lacks at, actor or action");
        }
        long expected = previous.isEmpty() ? 1 : previous.getLast().sequence() + 1;
        if (entry.sequence() != expected) {
            throw new CorruptStoreException(file, "line " + lineNumber + " has sequence " + entry.sequence()
                    + " but " + expected + " was expected; the log was edited or lines were lost");
        }
        return entry;
    }

    private static int lastNewline(byte[] content) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized AuditEntry append(AuditEntry entry) {
        long sequence = entries.isEmpty() ? 1 : entries.getLast().sequence() + 1;
        AuditEntry stored = new AuditEntry(sequence, clock.instant(), entry.actor(), entry.action(), entry.target(),
                entry.revisionBefore(), entry.revisionAfter(), entry.peerAddress());
        try {
            byte[] line = (LINE_WRITER.writeValueAsString(stored) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new StoreWriteException(file + ": cannot append to the audit log: " + e.getMessage(), e);
        }
        entries.add(stored);
        return stored;
    }

    @Override
    public synchronized List<AuditEntry> page(long beforeSequence, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than 0, was " + limit);
        }
        // Sequences run 1, 2, 3, ... without gaps (load checks it), so entry n sits at index n - 1.
        int start = (int) Math.min(entries.size(), Math.max(0, beforeSequence - 1)) - 1;
        List<AuditEntry> page = new ArrayList<>();
        for (int i = start; i >= 0 && page.size() < limit; i--) {
            page.add(entries.get(i));
        }
        return page;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
