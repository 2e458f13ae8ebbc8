package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.Backoff;
import dev.tollgate.console.service.ConsoleServices;
import dev.tollgate.console.service.ProfileStore;
import dev.tollgate.console.support.FakeAdminServer;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * A console view model on same-thread tasks, connected to a {@link FakeAdminServer}. Stream
 * hand-overs queue up until {@link #pumpUntil} runs them on the test thread, which plays the FX thread.
 */
final class ViewModelHarness implements AutoCloseable {

    final Queue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();

    final FakeAdminServer server;
    final ConsoleServices services = new ConsoleServices(new Backoff(50, 400));
    final ConsoleViewModel console;

    ViewModelHarness(FakeAdminServer server, Path configDirectory) {
        this.server = server;
        this.console = new ConsoleViewModel(services, new ProfileStore(configDirectory), new SameThreadTasks(uiQueue::add));
    }

    ViewModelHarness connect(String token) {
        console.connection().urlProperty().set(server.url());
        console.connection().tokenProperty().set(token);
        console.connection().connect();
        return this;
    }

    /** Runs queued UI-thread work, then reports the condition; for {@code await().until(...)}. */
    boolean pumpUntil(BooleanSupplier condition) {
        Runnable task;
        while ((task = uiQueue.poll()) != null) {
            task.run();
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
        console.connection().disconnect();
        services.close();
        server.close();
    }
}
