package dev.tollgate.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.model.validation.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileSyncTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Path dataDir() {
        return temp.resolve("data");
    }

    private Path configFile() {
        return temp.resolve("gateway.yaml");
    }

    private ConfigFileSync.Outcome syncOnce() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            return new ConfigFileSync(directory.configStore(), configFile(), CLOCK).sync();
        }
    }

    private StoredConfig currentOnDisk() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            return directory.configStore().current();
        }
    }

    @Test
    void fileSeedsEmptyDataDir() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.SEEDED);
        StoredConfig current = currentOnDisk();
        assertThat(current.revision()).isEqualTo(1);
        assertThat(current.config()).isEqualTo(TestConfigs.users());
        assertThat(current.summary().author()).isEqualTo("file");
        assertThat(current.summary().action()).isEqualTo("file.seed");
    }

    @Test
    void unchangedFileOnRestartChangesNothing() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.IN_SYNC);
        assertThat(currentOnDisk().revision()).isEqualTo(1);
    }

    @Test
    void reformattedFileCountsAsUnchanged() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        Files.writeString(configFile(), "# the same gateway\n" + TestConfigs.usersYaml().replace("[/users/**]", "\n        - /users/**"));

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.IN_SYNC);
        assertThat(currentOnDisk().revision()).isEqualTo(1);
    }

    @Test
    void changedFileWithoutApiChangesIsApplied() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        Files.writeString(configFile(), ConfigMapper.toYaml(TestConfigs.withRoutes(2)));

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.APPLIED);
        StoredConfig current = currentOnDisk();
        assertThat(current.revision()).isEqualTo(2);
        assertThat(current.config()).isEqualTo(TestConfigs.withRoutes(2));
        assertThat(current.summary().action()).isEqualTo("file.apply");
    }

    @Test
    void apiChangesSurviveRestartWithUnchangedFile() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            directory.configStore().commit(TestConfigs.withRoutes(1), 1, "token1", "route.create");
        }

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.KEPT_DATA_DIR);
        StoredConfig current = currentOnDisk();
        assertThat(current.revision()).isEqualTo(2);
        assertThat(current.config()).isEqualTo(TestConfigs.withRoutes(1));
    }

    @Test
    void changedFileAfterApiChangesIsRejected() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            directory.configStore().commit(TestConfigs.withRoutes(1), 1, "token1", "route.create");
        }
        Files.writeString(configFile(), ConfigMapper.toYaml(TestConfigs.withRoutes(5)));

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.REJECTED);
        StoredConfig current = currentOnDisk();
        assertThat(current.revision()).isEqualTo(2);
        assertThat(current.config()).isEqualTo(TestConfigs.withRoutes(1));
    }

    @Test
    void neverAppliedFileIsRejected() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            directory.configStore().commit(TestConfigs.withRoutes(1), 0, "token1", "config.replace");
        }
        Files.writeString(configFile(), TestConfigs.usersYaml());

        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.REJECTED);
        assertThat(currentOnDisk().config()).isEqualTo(TestConfigs.withRoutes(1));
    }

    @Test
    void fileMatchingApiChangesIsAdopted() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        try (DataDirectory directory = DataDirectory.open(dataDir(), CLOCK)) {
            directory.configStore().commit(TestConfigs.withRoutes(1), 1, "token1", "route.create");
        }
        Files.writeString(configFile(), ConfigMapper.toYaml(TestConfigs.withRoutes(1)));
        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.IN_SYNC);

        Files.writeString(configFile(), ConfigMapper.toYaml(TestConfigs.withRoutes(2)));
        assertThat(syncOnce()).isEqualTo(ConfigFileSync.Outcome.APPLIED);
        assertThat(currentOnDisk().revision()).isEqualTo(3);
    }

    @Test
    void invalidFileChangesNothing() throws Exception {
        Files.writeString(configFile(), TestConfigs.usersYaml());
        syncOnce();
        Files.writeString(configFile(), TestConfigs.usersYaml().replace("upstream: users", "upstream: nowhere"));

        assertThatThrownBy(this::syncOnce).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("routes[0].upstream");
        assertThat(currentOnDisk().revision()).isEqualTo(1);
    }
}
