package dev.tollgate.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuthFailureMonitorTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> sink = new ArrayList<>();
    private final AuthFailureMonitor monitor = new AuthFailureMonitor(clock, sink::add);
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuthFailureMonitor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void everyFailureIsCountedAndPassedOn() {
        for (int i = 0; i < 3; i++) {
            monitor.record(AuthFailureMonitor.UNKNOWN, "127.0.0.1", "GET", "/admin/v1/info", "no match");
        }
        monitor.record(AuthFailureMonitor.MISSING, "127.0.0.1", "GET", "/admin/v1/info", "no header");

        assertThat(monitor.count(AuthFailureMonitor.UNKNOWN)).isEqualTo(3);
        assertThat(monitor.count(AuthFailureMonitor.MISSING)).isEqualTo(1);
        assertThat(monitor.count(AuthFailureMonitor.REVOKED)).isZero();
        assertThat(sink).hasSize(4);
        assertThat(monitor.counts()).containsEntry(AuthFailureMonitor.UNKNOWN, 3L);
    }

    @Test
    void warningsAreRateLimitedPerReason() {
        monitor.record(AuthFailureMonitor.UNKNOWN, "10.0.0.7", "GET", "/admin/v1/config", "no match");
        monitor.record(AuthFailureMonitor.UNKNOWN, "10.0.0.7", "GET", "/admin/v1/config", "no match");
        monitor.record(AuthFailureMonitor.UNKNOWN, "10.0.0.7", "GET", "/admin/v1/config", "no match");
        monitor.record(AuthFailureMonitor.MISSING, "10.0.0.8", "GET", "/admin/v1/config", "no header");
        assertThat(logged.list).hasSize(2);

        clock.advance(AuthFailureMonitor.LOG_INTERVAL.minus(Duration.ofMillis(1)));
        monitor.record(AuthFailureMonitor.UNKNOWN, "10.0.0.7", "GET", "/admin/v1/config", "no match");
        assertThat(logged.list).hasSize(2);

        clock.advance(Duration.ofMillis(1));
        monitor.record(AuthFailureMonitor.UNKNOWN, "10.0.0.7", "GET", "/admin/v1/config", "no match");
        assertThat(logged.list).hasSize(3);
        String summary = logged.list.getLast().getFormattedMessage();
        assertThat(summary).contains("unknown_token").contains("10.0.0.7").contains("3 more unknown_token failures");
    }
}
