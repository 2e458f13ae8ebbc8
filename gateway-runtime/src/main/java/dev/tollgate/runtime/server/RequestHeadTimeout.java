package dev.tollgate.runtime.server;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/1.1 connection whose client takes longer than the timeout to send one request
 * head. Jetty 12.1 has no such timeout: its idle timeout restarts with every byte, so a client
 * sending one header line per second keeps a connection forever.
 *
 * <p>Each connection is checked {@value #CHECKS_PER_TIMEOUT} times per timeout. A connection is
 * closed when {@value #CHECKS_PER_TIMEOUT} + 1 checks in a row find its parser inside the same
 * request head (bytes received, head incomplete, no head completed in between). So a client gets
 * at least the timeout and at most 1.25 times it. A connection waiting for its next request, or
 * whose head is complete and whose body is streaming, is left to the idle timeout.
 *
 * <p>NOTE: HTTP/2 connections are not checked; their streams are bounded by the idle timeout only.
 */
final class RequestHeadTimeout implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeadTimeout.class);
    private static final int CHECKS_PER_TIMEOUT = 4;

    private final Scheduler scheduler;
    private final long checkIntervalMillis;

    RequestHeadTimeout(Scheduler scheduler, long timeoutMillis) {
        this.scheduler = scheduler;
        this.checkIntervalMillis = Math.max(1, timeoutMillis / CHECKS_PER_TIMEOUT);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new HeadWatch(http).schedule();
        }
    }

    /** The check state of one connection. Only the scheduler thread touches it, one check at a time. */
    private final class HeadWatch implements Runnable {
        private final HttpConnection connection;
        private long headsCompleted = -1;
        private int checksInSameHead;

        HeadWatch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, checkIntervalMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            // Stop after a close, and after an upgrade (h2c, WebSocket) handed the end point to another connection.
            if (!connection.getEndPoint().isOpen() || connection.getEndPoint().getConnection() != connection) {
                return;
            }
            HttpParser parser = connection.getParser();
            long completed = connection.getMessagesIn();
            boolean readingHead = parser.inHeaderState() && !parser.isStart();
            if (!readingHead || completed != headsCompleted) {
                checksInSameHead = readingHead ? 1 : 0;
                headsCompleted = completed;
            } else if (++checksInSameHead > CHECKS_PER_TIMEOUT) {
                LOG.debug("Closing the connection from {}: its request head took longer than {} ms",
                        connection.getEndPoint().getRemoteSocketAddress(), checkIntervalMillis * CHECKS_PER_TIMEOUT);
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
