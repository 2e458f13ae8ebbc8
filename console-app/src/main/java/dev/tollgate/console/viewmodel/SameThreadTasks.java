package dev.tollgate.console.viewmodel;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Runs work and its callbacks immediately on the calling thread, for deterministic view-model tests. */
public final class SameThreadTasks implements BackgroundTasks {

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
        return Runnable::run;
    }
}
