package dev.tollgate.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts the demo has started, closed in reverse order of starting. Closing twice (the console
 * closing, then the JVM's shutdown hook) closes each part once.
 */
final class DemoParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoParts.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
