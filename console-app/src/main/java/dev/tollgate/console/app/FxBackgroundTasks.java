package dev.tollgate.console.app;

import dev.tollgate.console.viewmodel.BackgroundTasks;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs view-model work on a small pool of daemon threads and delivers results with {@link Platform#runLater}. */
public final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxBackgroundTasks.class);

    private final ExecutorService workers;

    public FxBackgroundTasks(int threads) {
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "console-io-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        try {
            workers.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    LOG.debug("Background task '{}' failed: {}", description, e.toString());
                    Platform.runLater(() -> onFailure.accept(e));
                    return;
                }
                Platform.runLater(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Background task '{}' skipped because the console is closing", description);
        }
    }

    @Override
    public Executor uiThread() {
        return Platform::runLater;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
