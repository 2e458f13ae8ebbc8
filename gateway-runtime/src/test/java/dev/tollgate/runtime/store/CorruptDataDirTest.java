package dev.tollgate.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.api.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every hand-broken file stops loading with a message naming the file and the problem. */
class CorruptDataDirTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @BeforeEach
    void fillDataDir() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
            directory.configStore().commit(TestConfigs.withRoutes(1), 1, "t1", "config.replace");
            directory.tokenStore().create(Role.ADMIN, "test");
            directory.configStore().recordConfigFile(new ConfigFileState("gateway.yaml", "ab".repeat(32), 1, CLOCK.instant()));
        }
    }

    private void assertOpenFails(String file, String problem) {
        assertThatThrownBy(() -> DataDirectory.open(dataDir, CLOCK))
                .isInstanceOfSatisfying(CorruptStoreException.class,
                        e -> assertThat(e.file()).isEqualTo(dataDir.resolve(file)))
                .hasMessageContaining(dataDir.resolve(file).toString())
                .hasMessageContaining(problem);
    }

    @Test
    void intactDataDirLoads() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(directory.configStore().current().revision()).isEqualTo(2);
        }
    }

    @Test
    void currentFileWithBrokenJsonStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("current.json"), "{\"revision\": 2, ");
        assertOpenFails("current.json", "not a revision document");
    }

    @Test
    void currentFileEditedByHandStopsLoading() throws Exception {
        Path current = dataDir.resolve("current.json");
        Files.writeString(current, Files.readString(current).replace("127.0.0.1:9001", "127.0.0.1:9002"));
        assertOpenFails("current.json", "edited by hand");
    }

    @Test
    void currentFileWithUnknownFieldStopsLoading() throws Exception {
        Path current = dataDir.resolve("current.json");
        Files.writeString(current, Files.readString(current).replaceFirst("\\{", "{\"surprise\": 1,"));
        assertOpenFails("current.json", "surprise");
    }

    @Test
    void missingCurrentFileWithHistoryStopsLoading() throws Exception {
        Files.delete(dataDir.resolve("current.json"));
        assertOpenFails("current.json", "is missing");
    }

    @Test
    void emptyRevisionFileStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("revisions/000000000001.json"), "");
        assertOpenFails("revisions/000000000001.json", "not a revision document");
    }

    @Test
    void revisionFileUnderWrongNameStopsLoading() throws Exception {
        Files.copy(dataDir.resolve("revisions/000000000002.json"), dataDir.resolve("revisions/000000000003.json"));
        Files.copy(dataDir.resolve("revisions/000000000002.json"), dataDir.resolve("current.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOpenFails("revisions/000000000003.json", "contains revision 2 but its name says 3");
    }

    @Test
    void missingOldRevisionStopsLoading() throws Exception {
        Files.delete(dataDir.resolve("revisions/000000000001.json"));
        assertOpenFails("revisions", "revision 1 is missing");
    }

    @Test
    void strayFileInRevisionsStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("revisions/notes.txt"), "mine");
        assertOpenFails("revisions/notes.txt", "unexpected file");
    }

    @Test
    void currentFileBehindHistoryStopsLoading() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.withRoutes(2), 2, "t1", "config.replace");
        }
        Files.copy(dataDir.resolve("revisions/000000000001.json"), dataDir.resolve("current.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOpenFails("current.json", "contains revision 1 but the revisions directory contains revisions up to 3");
    }

    @Test
    void auditLineThatIsNotJsonStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("audit.log"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        assertOpenFails("audit.log", "line 3 is not an audit entry");
    }

    @Test
    void auditSequenceGapStopsLoading() throws Exception {
        Path audit = dataDir.resolve("audit.log");
        Files.writeString(audit, Files.readString(audit).replace("\"sequence\":2", "\"sequence\":7"));
        assertOpenFails("audit.log", "has sequence 7 but 2 was expected");
    }

    @Test
    void tokenFileWithBrokenJsonStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("tokens.json"), "[");
        assertOpenFails("tokens.json", "not a token file");
    }

    @Test
    void tokenFileWithUnknownRoleStopsLoading() throws Exception {
        Path tokens = dataDir.resolve("tokens.json");
        Files.writeString(tokens, Files.readString(tokens).replace("\"admin\"", "\"root\""));
        assertOpenFails("tokens.json", "unknown role \"root\"");
    }

    @Test
    void tokenFileWithBadHashStopsLoading() throws Exception {
        Path tokens = dataDir.resolve("tokens.json");
        Files.writeString(tokens, Files.readString(tokens).replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"xyz\""));
        assertOpenFails("tokens.json", "sha256 is not 64 lower-case hex digits");
    }

    @Test
    void configFileStateWithBrokenJsonStopsLoading() throws Exception {
        Files.writeString(dataDir.resolve("config-file.json"), "{\"file\":");
        assertOpenFails("config-file.json", "not a config file record");
    }
}
