package dev.tollgate.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.runtime.testing.MutableClock;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives health-check rounds by hand with a probe that returns a completed future, so thresholds are exact. */
class ActiveHealthThresholdTest {

    private final ScheduledExecutorService scheduler = Pools.scheduler();
    private final AtomicInteger nextStatus = new AtomicInteger(200);
    private final List<String> probedUris = new ArrayList<>();
    private UpstreamPool pool;
    private ActiveHealthChecker checker;

    @BeforeEach
    void createPool() {
        UpstreamEnvironment environment = new UpstreamEnvironment(new MutableClock(), scheduler, (uri, timeout) -> {
            probedUris.add(uri.toString());
            int status = nextStatus.get();
            return status == 0
                    ? CompletableFuture.failedFuture(new ConnectException("connection refused"))
                    : CompletableFuture.completedFuture(status);
        });
        pool = UpstreamPool.create(Pools.withHealthCheck(Pools.upstream(Balancer.ROUND_ROBIN, null, 1),
                new ActiveHealthCheck("/status/health?deep=1", 60_000L, 1_000L, 2, 3)), environment);
        checker = pool.healthChecker();
    }

    @AfterEach
    void stopScheduler() {
        pool.close();
        scheduler.shutdownNow();
    }

    private void rounds(int count, int status) {
        nextStatus.set(status);
        for (int i = 0; i < count; i++) {
            checker.probeAll();
        }
    }

    private boolean healthy() {
        return pool.status().getFirst().healthy();
    }

    @Test
    void unhealthyAfterThresholdFailuresInRow() {
        rounds(2, 503);
        assertThat(healthy()).isTrue();

        rounds(1, 503);
        assertThat(healthy()).isFalse();
    }

    @Test
    void successBreaksFailureRun() {
        rounds(2, 500);
        rounds(1, 204);
        rounds(2, 500);

        assertThat(healthy()).isTrue();
    }

    @Test
    void healthyAgainAfterThresholdSuccessesInRow() {
        rounds(3, 0);
        assertThat(healthy()).isFalse();

        rounds(1, 200);
        assertThat(healthy()).isFalse();

        rounds(1, 399);
        assertThat(healthy()).isTrue();
    }

    @Test
    void statusBelow200AndFrom400CountAsFailures() {
        rounds(3, 101);
        assertThat(healthy()).isFalse();

        rounds(2, 301);
        assertThat(healthy()).isTrue();

        rounds(3, 404);
        assertThat(healthy()).isFalse();
    }

    @Test
    void probeGoesToPathOnTargetAddress() {
        rounds(1, 200);

        assertThat(probedUris).containsExactly(Pools.url(0) + "/status/health?deep=1");
    }

    @Test
    void unhealthyTargetGetsOnlyPanicTraffic() {
        rounds(3, 500);

        assertThat(pool.pick(PickContext.NONE, java.util.Set.of())).isNotNull();
        assertThat(pool.inPanicMode()).isTrue();
    }
}
