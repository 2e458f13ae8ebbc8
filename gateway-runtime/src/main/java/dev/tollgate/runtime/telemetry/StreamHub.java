package dev.tollgate.runtime.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tollgate.model.api.StreamEvents;
import dev.tollgate.model.api.StreamReset;
import dev.tollgate.model.json.ConfigMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans stream events out to every subscriber and keeps the last events for clients that resume with
 * {@code Last-Event-ID}.
 *
 * <p>Each event is serialized once into an SSE frame ({@code id}, {@code event}, one {@code data}
 * line of JSON). Ids increase by one per event and start from the node's start time in
 * microseconds, so an id remembered from an earlier run of the node is never mistaken for one of
 * this run.
 *
 * <p>Publishing takes a short lock that assigns the id, appends to the replay buffer and queues the
 * frame for each subscriber, so every subscriber receives events in id order. The writes to the network
 * start after the lock is released and never wait.
 */
final class StreamHub {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private static final ObjectWriter JSON = ConfigMapper.json().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Clock clock;
    private final int replayLimit;
    private final int maxSubscribers;

    // Guarded by this.
    private final ArrayDeque<Frame> replay = new ArrayDeque<>();
    private final List<StreamSubscriber> subscribers = new ArrayList<>();
    private long lastEventId;
    private boolean closed;

    private final AtomicLong subscriberIds = new AtomicLong();
    private final LongAdder slowConsumerDisconnects = new LongAdder();
    private final LongAdder eventsPublished = new LongAdder();

    StreamHub(Clock clock, int replayLimit, int maxSubscribers) {
        this.clock = clock;
        this.replayLimit = replayLimit;
        this.maxSubscribers = maxSubscribers;
        this.lastEventId = clock.millis() * 1_000;
    }

    private record Frame(long id, ByteBuffer bytes) {}

    /** Publishes {@code data} as JSON under the SSE event name {@code event} and returns the event id. */
    long publish(String event, Object data) {
        byte[] json = toJson(data);
        Delivery delivery;
        long id;
        synchronized (this) {
            if (closed) {
                return lastEventId;
            }
            id = ++lastEventId;
            ByteBuffer frame = frame(id, event, json);
            replay.addLast(new Frame(id, frame));
            if (replay.size() > replayLimit) {
                replay.removeFirst();
            }
            delivery = offerToAll(frame);
        }
        eventsPublished.increment();
        deliver(delivery);
        return id;
    }

    /** Sends an SSE comment to every subscriber, so idle connections and proxies stay open. */
    void heartbeat() {
        Delivery delivery;
        synchronized (this) {
            delivery = offerToAll(ByteBuffer.wrap(HEARTBEAT).asReadOnlyBuffer());
        }
        deliver(delivery);
    }

    /** Subscribers that took a frame, and subscribers whose queue was full. */
    private record Delivery(List<StreamSubscriber> receivers, List<StreamSubscriber> slow) {}

    /** Queues {@code frame} for every subscriber and drops the slow ones from the list. The caller holds the lock. */
    private Delivery offerToAll(ByteBuffer frame) {
        List<StreamSubscriber> receivers = new ArrayList<>(subscribers.size());
        List<StreamSubscriber> slow = new ArrayList<>(0);
        subscribers.removeIf(StreamSubscriber::isEnded);
        for (StreamSubscriber subscriber : subscribers) {
            if (subscriber.offer(frame)) {
                receivers.add(subscriber);
            } else {
                slow.add(subscriber);
            }
        }
        subscribers.removeAll(slow);
        return new Delivery(receivers, slow);
    }

    /** Starts the writes and ends the slow subscribers. Runs without the lock because both call into Jetty. */
    private static void deliver(Delivery delivery) {
        for (StreamSubscriber subscriber : delivery.slow()) {
            subscriber.abort(StreamSubscriber.EndReason.SLOW_CONSUMER,
                    new SlowConsumerException("stream " + subscriber.id() + " fell behind; disconnected"));
        }
        delivery.receivers().forEach(StreamSubscriber::flush);
    }

    /**
     * Registers a subscriber and queues what it should see first: the events after
     * {@code lastEventId} when they are all still retained, otherwise a {@code reset} event.
     *
     * @return false when the hub is closed or full, and the caller then responds with 503
     */
    boolean subscribe(StreamSubscriber subscriber, ResumePoint resume) {
        synchronized (this) {
            if (closed || subscribers.size() >= maxSubscribers) {
                subscriber.discard();
                return false;
            }
            if (subscriber.isEnded()) {
                // The connection failed before the subscription, so there is nothing to write to.
                return true;
            }
            subscriber.enqueueInitial(initialFrames(resume));
            subscribers.add(subscriber);
        }
        LOG.debug("Stream {} opened; resume from {}", subscriber.id(), resume);
        subscriber.flush();
        return true;
    }

    /** Builds the frames a new subscriber receives first. The caller holds the lock. */
    private ByteBuffer initialFrames(ResumePoint resume) {
        StringBuilder head = new StringBuilder(": tollgate live stream\nretry: 3000\n\n");
        if (resume.isAbsent()) {
            return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8));
        }
        long oldestRetained = replay.isEmpty() ? lastEventId + 1 : replay.peekFirst().id();
        OptionalLong requested = resume.lastEventId();
        boolean resumable = requested.isPresent()
                && requested.getAsLong() >= oldestRetained - 1
                && requested.getAsLong() <= lastEventId;
        List<ByteBuffer> frames = new ArrayList<>();
        frames.add(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8)));
        if (resumable) {
            for (Frame frame : replay) {
                if (frame.id() > requested.getAsLong()) {
                    frames.add(frame.bytes().slice());
                }
            }
        } else {
            String reason = requested.isEmpty() ? "Last-Event-ID is not an event id of this stream"
                    : requested.getAsLong() > lastEventId ? "Last-Event-ID is from an earlier run of this node"
                    : "events after Last-Event-ID are no longer retained";
            StreamReset reset = new StreamReset(clock.instant(),
                    requested.isPresent() ? requested.getAsLong() : null, lastEventId, reason);
            frames.add(frame(lastEventId, StreamEvents.RESET, toJson(reset)));
        }
        int size = frames.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(size);
        frames.forEach(joined::put);
        return joined.flip();
    }

    void onEnded(StreamSubscriber subscriber, StreamSubscriber.EndReason reason) {
        synchronized (this) {
            subscribers.remove(subscriber);
        }
        if (reason == StreamSubscriber.EndReason.SLOW_CONSUMER) {
            slowConsumerDisconnects.increment();
            LOG.warn("Stream {} disconnected: the client did not keep up with the events", subscriber.id());
        } else {
            LOG.debug("Stream {} ended: {}", subscriber.id(), reason);
        }
    }

    /** The failure a slow subscriber's response ends with. */
    static final class SlowConsumerException extends RuntimeException {
        SlowConsumerException(String message) {
            super(message, null, false, false);
        }
    }

    /** Ends every stream after the frames already queued, and accepts no more subscribers. */
    void closeAll() {
        List<StreamSubscriber> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(subscribers);
        }
        open.forEach(StreamSubscriber::finish);
    }

    String nextSubscriberId() {
        return "s" + subscriberIds.incrementAndGet();
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }

    synchronized long lastEventId() {
        return lastEventId;
    }

    long slowConsumerDisconnects() {
        return slowConsumerDisconnects.sum();
    }

    long eventsPublished() {
        return eventsPublished.sum();
    }

    private static ByteBuffer frame(long id, String event, byte[] json) {
        byte[] head = ("id: " + id + "\nevent: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(head.length + json.length + 2);
        frame.put(head).put(json).put((byte) '\n').put((byte) '\n');
        return frame.flip().asReadOnlyBuffer();
    }

    private static byte[] toJson(Object data) {
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stream event " + data.getClass().getSimpleName()
                    + " as JSON", e);
        }
    }

    /** The {@code Last-Event-ID} a client sent: absent, a number, or something else. */
    record ResumePoint(String header) {

        static final ResumePoint NONE = new ResumePoint(null);

        boolean isAbsent() {
            return header == null || header.isBlank();
        }

        OptionalLong lastEventId() {
            if (isAbsent()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(header.strip()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
    }
}
