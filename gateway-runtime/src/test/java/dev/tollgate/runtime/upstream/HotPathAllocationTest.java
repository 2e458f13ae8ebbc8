package dev.tollgate.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.Upstream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that picking a target and reporting its outcome allocate nothing once the round robin
 * cycle is built. It counts bytes with the JVM's per-thread allocation counter, not time.
 */
class HotPathAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 10_000;

    private final ScheduledExecutorService scheduler = Pools.scheduler();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Balancer.class)
    void pickAndReportAllocateNothing(Balancer balancer) {
        com.sun.management.ThreadMXBean threads = threadBean();
        Upstream config = Pools.upstream(balancer, balancer == Balancer.CONSISTENT_HASH ? "X-User" : null, 5, 1, 1);
        UpstreamPool pool = UpstreamPool.create(config, Pools.environment(Clock.systemUTC(), scheduler));
        PickContext request = Pools.context("X-User", "user-42", "10.0.0.1");

        pickAndReport(pool, request, WARM_UP);
        long threadId = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(threadId);
        pickAndReport(pool, request, MEASURED);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // A few hundred bytes of slack for the counter itself; one object per pick would be 160 kB.
        assertThat(allocated).as("bytes allocated by %d picks", MEASURED).isLessThan(4_096);
    }

    private static void pickAndReport(UpstreamPool pool, PickContext request, int count) {
        for (int i = 0; i < count; i++) {
            TargetHandle target = pool.pick(request, Set.of());
            target.onRequestStart();
            target.onRequestEnd(i % 10 == 0 ? Outcome.SERVER_ERROR : Outcome.SUCCESS, 1_000);
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "JVM does not count allocated bytes per thread");
        return threads;
    }
}
