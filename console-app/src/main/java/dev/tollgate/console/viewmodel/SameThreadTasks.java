package dev.tollgate.console.viewmodel;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs work and its callbacks immediately on the calling thread, for deterministic view-model
 * tests. Stream hand-overs go to the given UI executor. A test can queue them and run them on its
 * own thread, so every view-model change happens on one thread as it would on the FX thread.
 */
public final class SameThreadTasks implements BackgroundTasks {

    private final Executor uiThread;

    public SameThreadTasks() {
        this(Runnable::run);
    }

    public SameThreadTasks(Executor uiThread) {
        this.uiThread = uiThread;
    }

    @Override
    public <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public Executor uiThread() {
        return uiThread;
    }
}
