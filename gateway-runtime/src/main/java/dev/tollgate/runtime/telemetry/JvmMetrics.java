package dev.tollgate.runtime.telemetry;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;

/** JVM and process figures from the platform MXBeans, written as Prometheus families. */
final class JvmMetrics {

    private JvmMetrics() {}

    static void write(PrometheusText text) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        text.family("jvm_memory_heap_used_bytes", "gauge", "Heap memory in use.")
                .sample("jvm_memory_heap_used_bytes", heap.getUsed());
        text.family("jvm_memory_heap_committed_bytes", "gauge", "Heap memory committed by the JVM.")
                .sample("jvm_memory_heap_committed_bytes", heap.getCommitted());
        if (heap.getMax() >= 0) {
            text.family("jvm_memory_heap_max_bytes", "gauge", "Maximum heap size.")
                    .sample("jvm_memory_heap_max_bytes", heap.getMax());
        }

        text.family("jvm_gc_collections_total", "counter", "Garbage collections by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            text.sample("jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        text.family("jvm_gc_collection_seconds_total", "counter",
                "Time spent in garbage collection by collector, as the JVM reports it.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            text.sample("jvm_gc_collection_seconds_total", Math.max(0, gc.getCollectionTime()) / 1_000.0,
                    "gc", gc.getName());
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        text.family("jvm_threads_live", "gauge", "Live platform threads.")
                .sample("jvm_threads_live", threads.getThreadCount());
        text.family("jvm_threads_daemon", "gauge", "Live platform daemon threads.")
                .sample("jvm_threads_daemon", threads.getDaemonThreadCount());

        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        text.family("process_uptime_seconds", "gauge", "Time since the JVM started.")
                .sample("process_uptime_seconds", runtime.getUptime() / 1_000.0);
        text.family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch.")
                .sample("process_start_time_seconds", runtime.getStartTime() / 1_000.0);

        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean platform && platform.getProcessCpuTime() >= 0) {
            text.family("process_cpu_seconds_total", "counter", "CPU time used by the process.")
                    .sample("process_cpu_seconds_total", platform.getProcessCpuTime() / 1e9);
        }
    }
}
