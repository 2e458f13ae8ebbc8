package dev.tollgate.console.service;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the console's network resources (one OkHttp client, its dispatcher threads and connection
 * pool, the reconnect scheduler) and creates admin and stream clients that share them. {@link #close()}
 * releases everything, so the JVM can exit when the window closes.
 */
public final class ConsoleServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServices.class);

    private final ExecutorService dispatcherThreads;
    private final OkHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;

    public ConsoleServices(Backoff backoff) {
        this.backoff = backoff;
        this.dispatcherThreads = Executors.newCachedThreadPool(daemonThreads("console-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("console-reconnect"));
        this.http = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(dispatcherThreads))
                .connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
    }

    public AdminClient admin(ConnectionProfile profile) {
        return new AdminClient(http, profile);
    }

    public StreamClient stream(ConnectionProfile profile, StreamListener listener) {
        return new StreamClient(http, profile, backoff, scheduler, listener);
    }

    public Backoff backoff() {
        return backoff;
    }

    /** Runs {@code task} on the reconnect scheduler after {@code delayMillis}; the task must hand UI work over itself. */
    public void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Not scheduling a retry because the console is closing");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.dispatcher().cancelAll();
        dispatcherThreads.shutdownNow();
        http.connectionPool().evictAll();
        LOG.info("Console network resources released");
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
