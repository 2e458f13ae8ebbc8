package dev.tollgate.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryLifecycleTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    TelemetryLifecycleTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void startSchedulesTheIntervalTask() {
        try (Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS.withIntervalMillis(20), Clock.systemUTC(),
                scheduler, "node-1")) {
            telemetry.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.hub().eventsPublished() >= 2);
        }
    }

    @Test
    void closeCancelsScheduledTasks() {
        Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS.withIntervalMillis(20), Clock.systemUTC(),
                scheduler, "node-1");
        telemetry.start();

        telemetry.close();

        assertThat(scheduler.getQueue()).isEmpty();
    }

    @Test
    void startAfterCloseIsRejected() {
        Telemetry telemetry = new Telemetry(TelemetrySettings.DEFAULTS, Clock.systemUTC(), scheduler, "node-1");
        telemetry.close();

        assertThatThrownBy(telemetry::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("telemetry of node node-1 was closed; create a new one");
    }

    @Test
    void settingsRejectNonPositiveSizes() {
        assertThatThrownBy(() -> TelemetrySettings.DEFAULTS.withSubscriberQueueEvents(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscriberQueueEvents is 0; it must be positive");
    }

    @Test
    void settingsCopySensitiveNames() {
        TelemetrySettings settings = new TelemetrySettings(1_000, 15_000, 300, 64, 256, 1_000, 200,
                new ArrayList<>(List.of("token")));

        assertThat(settings.sensitiveQueryParameters()).containsExactly("token");
        assertThatThrownBy(() -> settings.sensitiveQueryParameters().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
