package dev.tollgate.console.viewmodel;

import dev.tollgate.model.api.MetricsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves metrics events from the stream thread to the UI thread in batches. Events that arrive
 * while a hand-over is already queued join it, so a burst (for example a resume after a reconnect)
 * costs one UI-thread task instead of one per event. Each apply step is timed into {@link FxUpdateStats}.
 */
public final class MetricsBatcher {

    private final Queue<MetricsEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final Executor uiThread;
    private final Consumer<List<MetricsEvent>> apply;
    private final FxUpdateStats stats;
    private final Runnable afterApply;

    /**
     * @param afterApply runs on the UI thread after each timed apply step, outside the measurement
     */
    public MetricsBatcher(Executor uiThread, Consumer<List<MetricsEvent>> apply, FxUpdateStats stats, Runnable afterApply) {
        this.uiThread = uiThread;
        this.apply = apply;
        this.stats = stats;
        this.afterApply = afterApply;
    }

    /** Called on the stream thread. */
    public void offer(MetricsEvent event) {
        pending.add(event);
        if (handOverQueued.compareAndSet(false, true)) {
            uiThread.execute(this::drain);
        }
    }

    private void drain() {
        // Clear the flag before taking events, so an event offered during the drain queues a new hand-over.
        handOverQueued.set(false);
        List<MetricsEvent> batch = new ArrayList<>();
        MetricsEvent event;
        while ((event = pending.poll()) != null) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        long startNanos = System.nanoTime();
        apply.accept(batch);
        stats.record(System.nanoTime() - startNanos, batch.size());
        afterApply.run();
    }
}
