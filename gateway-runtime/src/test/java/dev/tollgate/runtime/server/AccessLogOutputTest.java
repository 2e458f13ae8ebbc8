package dev.tollgate.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tollgate.runtime.proxy.AccessLog;
import dev.tollgate.runtime.telemetry.CompletedExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AccessLogOutputTest {

    private static final CompletedExchange EXCHANGE = new CompletedExchange(0, "req-9", "r", "GET", "/x?token=t", 200,
            1_000_000, 500_000, "http://127.0.0.1:1", null, null, null, 0, 2, "127.0.0.1", null);

    @AfterEach
    void restoreStandardOutput() {
        AccessLogOutput.configure(AccessLogOutput.STDOUT);
    }

    @Test
    void bundledLogbackConfigurationLoadsWithoutErrors() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() == Status.ERROR);
    }

    @Test
    void fileTargetReceivesOneLinePerExchange(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("access.log");
        AccessLogOutput.configure(file.toString());

        AccessLog.log(EXCHANGE, Set.of("token"));
        AccessLog.log(EXCHANGE, Set.of("token"));

        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("{\"time\":").contains("\"requestId\":\"req-9\"").contains("token=REDACTED"));
    }

    @Test
    void offDisablesTheLogger() {
        AccessLogOutput.configure(AccessLogOutput.OFF);

        assertThat(AccessLog.isEnabled()).isFalse();
    }
}
