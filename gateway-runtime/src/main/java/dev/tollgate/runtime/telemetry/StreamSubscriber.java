package dev.tollgate.runtime.telemetry;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open server-sent-events response. Frames are queued by publishers and written with Jetty's
 * asynchronous {@link Response#write}; at most one write is pending at a time, and everything queued
 * while it is pending goes out in the next write. No thread waits for the client: a publisher that
 * finds the queue full disconnects the subscriber instead.
 */
final class StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscriber.class);

    /** Cause of a stream's end, reported to the hub, which counts slow consumers. */
    enum EndReason { CLIENT_GONE, SLOW_CONSUMER, SHUTDOWN }

    private final String id;
    private final Response response;
    private final Callback responseCallback;
    private final int queueLimit;
    private final StreamHub hub;

    // Guarded by this.
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closing;

    private final AtomicBoolean ended = new AtomicBoolean();

    StreamSubscriber(String id, Response response, Callback responseCallback, int queueLimit, StreamHub hub) {
        this.id = id;
        this.response = response;
        this.responseCallback = responseCallback;
        this.queueLimit = queueLimit;
        this.hub = hub;
    }

    String id() {
        return id;
    }

    /** Queues the first frames (header comment and replay) without applying the queue limit. */
    synchronized void enqueueInitial(ByteBuffer frames) {
        queue.add(frames);
    }

    /**
     * Queues one frame. Returns false, without queuing, when the subscriber has already
     * {@code queueLimit} frames waiting; the caller then ends it as a slow consumer.
     */
    synchronized boolean offer(ByteBuffer frame) {
        if (closing || ended.get()) {
            return true;
        }
        if (queue.size() >= queueLimit) {
            return false;
        }
        queue.add(frame.slice());
        return true;
    }

    /** Starts a write of everything queued unless a write is pending, and returns at once. */
    void flush() {
        ByteBuffer batch;
        boolean last;
        synchronized (this) {
            if (writing || ended.get()) {
                return;
            }
            if (queue.isEmpty() && !closing) {
                return;
            }
            batch = drainQueue();
            last = closing;
            writing = true;
        }
        write(batch, last);
    }

    /** Ends the stream after the frames already queued, as on shutdown. */
    void finish() {
        synchronized (this) {
            closing = true;
        }
        flush();
    }

    boolean isEnded() {
        return ended.get();
    }

    /**
     * Marks a subscriber the hub did not accept as ended, so a later connection failure leaves the
     * response alone. The caller then writes the rejection itself.
     */
    void discard() {
        ended.set(true);
    }

    /** Ends the stream now by failing the response, for slow consumers and failed writes. */
    void abort(EndReason reason, Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            queue.clear();
        }
        hub.onEnded(this, reason);
        responseCallback.failed(cause);
    }

    private void write(ByteBuffer batch, boolean last) {
        Callback next = Callback.from(() -> onWriteSucceeded(last), this::onWriteFailed);
        try {
            response.write(last, batch, next);
        } catch (RuntimeException e) {
            onWriteFailed(e);
        }
    }

    private void onWriteSucceeded(boolean wasLast) {
        if (wasLast) {
            if (ended.compareAndSet(false, true)) {
                hub.onEnded(this, EndReason.SHUTDOWN);
                responseCallback.succeeded();
            }
            return;
        }
        ByteBuffer batch;
        boolean last;
        synchronized (this) {
            if (ended.get() || (queue.isEmpty() && !closing)) {
                writing = false;
                return;
            }
            batch = drainQueue();
            last = closing;
        }
        write(batch, last);
    }

    private void onWriteFailed(Throwable failure) {
        LOG.debug("Stream {}: write to the client failed: {}", id, failure.toString());
        abort(EndReason.CLIENT_GONE, failure);
    }

    /** Joins every queued frame into one buffer, so a subscriber that fell behind catches up in one write. */
    private ByteBuffer drainQueue() {
        if (queue.size() == 1) {
            return queue.poll();
        }
        int size = 0;
        for (ByteBuffer frame : queue) {
            size += frame.remaining();
        }
        ByteBuffer batch = ByteBuffer.allocate(size);
        ByteBuffer frame;
        while ((frame = queue.poll()) != null) {
            batch.put(frame);
        }
        return batch.flip();
    }
}
