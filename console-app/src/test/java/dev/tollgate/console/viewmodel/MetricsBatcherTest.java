package dev.tollgate.console.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.console.support.Fixtures;
import dev.tollgate.model.api.MetricsEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class MetricsBatcherTest {

    private final Queue<Runnable> uiThread = new ArrayDeque<>();
    private final List<List<MetricsEvent>> applied = new ArrayList<>();
    private final FxUpdateStats stats = new FxUpdateStats();
    private int afterApply;
    private final MetricsBatcher batcher = new MetricsBatcher(uiThread::add, applied::add, stats, () -> afterApply++);

    @Test
    void burstIsAppliedInOneUiTask() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            batcher.offer(Fixtures.metrics(start.plusSeconds(i), i, 0, 0));
        }

        assertThat(uiThread).hasSize(1);
        uiThread.poll().run();

        assertThat(applied).hasSize(1);
        assertThat(applied.getFirst()).extracting(MetricsEvent::at).containsExactly(start, start.plusSeconds(1),
                start.plusSeconds(2), start.plusSeconds(3), start.plusSeconds(4));
        assertThat(stats.snapshot().batches()).isEqualTo(1);
        assertThat(stats.snapshot().events()).isEqualTo(5);
        assertThat(afterApply).isEqualTo(1);
    }

    @Test
    void eventAfterDrainQueuesNewHandOver() {
        batcher.offer(Fixtures.metrics(Instant.EPOCH, 1, 0, 0));
        uiThread.poll().run();

        batcher.offer(Fixtures.metrics(Instant.EPOCH.plusSeconds(1), 2, 0, 0));

        assertThat(uiThread).hasSize(1);
        uiThread.poll().run();
        assertThat(applied).hasSize(2);
        assertThat(stats.snapshot().batches()).isEqualTo(2);
        assertThat(stats.snapshot().maxMicros()).isGreaterThanOrEqualTo(stats.snapshot().meanMicros());
    }

    @Test
    void overviewAppliesWholeBatch() {
        OverviewViewModel overview = new OverviewViewModel();
        overview.showRoutes(List.of("orders", "users", "idle"));

        overview.apply(List.of(Fixtures.metrics(Instant.EPOCH, 10, 5, 0), Fixtures.metrics(Instant.EPOCH.plusSeconds(1), 20, 5, 5)));

        assertThat(overview.totalRequestsPerSecondProperty().get()).isEqualTo(25.0);
        assertThat(overview.errorRatePercentProperty().get()).isEqualTo(20.0);
        assertThat(overview.p99MillisProperty().get()).isEqualTo(75.0);
        assertThat(overview.routeCountProperty().get()).isEqualTo(3);
        assertThat(overview.routes()).extracting(OverviewViewModel.RouteSeries::routeId).containsExactly("orders", "users", "idle");
        assertThat(overview.routes().getFirst().points()).containsExactly(10.0, 20.0);
        assertThat(overview.routes().getLast().points()).isEmpty();
    }
}
