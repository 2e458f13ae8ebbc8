package dev.tollgate.runtime.routing.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark process used per operation
 * ({@code cpu.time.norm}, in ns/op), and the cores it used on average ({@code cpu.share}). On a
 * machine shared with other work, wall-clock time per operation also counts the time the
 * benchmark thread waited for a core. CPU time leaves that out, so it compares two runs better.
 * It includes the JIT compiler and garbage collector threads, which run little once the
 * benchmark is warm. Use it with {@code -prof dev.tollgate.runtime.routing.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private long cpuNanosAtStart;
    private long wallNanosAtStart;

    @Override
    public String getDescription() {
        return "Process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuNanosAtStart = system.getProcessCpuTime();
        wallNanosAtStart = System.nanoTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long cpuNanos = system.getProcessCpuTime() - cpuNanosAtStart;
        long wallNanos = System.nanoTime() - wallNanosAtStart;
        long operations = result.getMetadata().getMeasuredOps();
        if (operations <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.time.norm", (double) cpuNanos / operations, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpuNanos / wallNanos, "cores", AggregationPolicy.AVG));
    }
}
