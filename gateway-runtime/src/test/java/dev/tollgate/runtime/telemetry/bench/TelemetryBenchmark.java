package dev.tollgate.runtime.telemetry.bench;

import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.telemetry.Telemetry;
import dev.tollgate.runtime.telemetry.TelemetrySettings;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of recording one exchange on the request path: {@code onExchangeStarted} plus
 * {@code onExchangeCompleted}, with the interval task swapping histograms every second as in
 * production. Run after {@code test-compile} with the test classpath:
 * {@code java -cp <classpath> org.openjdk.jmh.Main TelemetryBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TelemetryBenchmark {

    /** Whether the exchange's query contains a sensitive parameter, which costs one redacted copy. */
    @Param({"plain", "secret"})
    public String query;

    private ScheduledExecutorService scheduler;
    private Telemetry telemetry;
    private CompletedExchange exchange;

    @Setup(Level.Trial)
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        telemetry = new Telemetry(TelemetrySettings.DEFAULTS, Clock.systemUTC(), scheduler, "bench");
        telemetry.start();
        String pathAndQuery = query.equals("secret") ? "/orders/42?api_key=s3cr3t&page=2" : "/orders/42?page=2";
        exchange = new CompletedExchange(System.currentTimeMillis(), "req-1", "orders", "GET", pathAndQuery, 200,
                1_250_000, 900_000, "http://10.0.0.7:8080", null, null, null, 120, 2_048, "10.0.0.1", null);
    }

    @TearDown(Level.Trial)
    public void stop() {
        telemetry.close();
        scheduler.shutdownNow();
    }

    @Benchmark
    @Threads(1)
    public void recordExchange() {
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeCompleted(exchange);
    }

    @Benchmark
    @Threads(2)
    public void recordExchangeTwoThreads() {
        telemetry.onExchangeStarted("orders");
        telemetry.onExchangeCompleted(exchange);
    }
}
