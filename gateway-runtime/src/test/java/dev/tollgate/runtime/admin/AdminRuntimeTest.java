package dev.tollgate.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.store.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminRuntimeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void relativeConfigFileChangeIsApplied() throws Exception {
        Path absoluteFile = folder.resolve("gateway.yaml");
        Files.writeString(absoluteFile, ConfigMapper.toYaml(TestConfigs.users()), StandardCharsets.UTF_8);
        // `--config gateway.yaml` arrives relative, but the file watcher reports the absolute path.
        Path relativeFile = Path.of("").toAbsolutePath().relativize(absoluteFile);
        AdminRuntime.Options options = new AdminRuntime.Options(folder.resolve("data"), relativeFile, "node-test", CLOCK,
                "tg_aaaaaaaaaaaa_" + "s".repeat(43));

        try (AdminRuntime runtime = AdminRuntime.open(options, reason -> {}, created -> {})) {
            GatewayConfig changed = TestConfigs.users().withRoutes(List.of());
            runtime.onConfigFileChanged(absoluteFile, ConfigMapper.toYaml(changed));

            assertThat(runtime.store().current().revision()).isEqualTo(2);
            assertThat(runtime.store().current().config().routes()).isEmpty();
        }
    }

    @Test
    void otherFileChangeIsIgnored() throws Exception {
        Path configFile = folder.resolve("gateway.yaml");
        Files.writeString(configFile, ConfigMapper.toYaml(TestConfigs.users()), StandardCharsets.UTF_8);
        AdminRuntime.Options options = new AdminRuntime.Options(folder.resolve("data"), configFile, "node-test", CLOCK,
                "tg_aaaaaaaaaaaa_" + "s".repeat(43));

        try (AdminRuntime runtime = AdminRuntime.open(options, reason -> {}, created -> {})) {
            runtime.onConfigFileChanged(folder.resolve("other.yaml"),
                    ConfigMapper.toYaml(TestConfigs.users().withRoutes(List.of())));

            assertThat(runtime.store().current().revision()).isEqualTo(1);
        }
    }
}
