package dev.tollgate.console.viewmodel;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs I/O away from the UI thread and delivers its outcome on the UI thread. The window uses an
 * adapter over a background pool and {@code Platform.runLater}; view-model tests use
 * {@link SameThreadTasks}, which runs everything at once on the caller's thread.
 */
public interface BackgroundTasks {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread.
     *
     * @param description what the work does, for logs, e.g. {@code "load config"}
     */
    <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Executes on the UI thread; the stream listener hands its batches over through this. */
    Executor uiThread();
}
