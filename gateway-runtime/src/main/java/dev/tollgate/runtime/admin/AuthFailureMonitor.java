package dev.tollgate.runtime.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed admin authentications by reason and logs them at WARN with the peer address,
 * at most one line per reason per {@link #LOG_INTERVAL}; the next line reports how many were left
 * out. It never receives the token itself.
 */
public final class AuthFailureMonitor {

    /** No {@code Authorization} header. */
    public static final String MISSING = "missing_token";
    /** An {@code Authorization} header that is not {@code Bearer <token>}. */
    public static final String MALFORMED = "malformed_header";
    /** A bearer token that matches no token. */
    public static final String UNKNOWN = "unknown_token";
    /** A bearer token that was revoked. */
    public static final String REVOKED = "revoked_token";
    /** A valid token whose role is too low for the endpoint. */
    public static final String FORBIDDEN = "insufficient_role";

    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureMonitor.class);

    private final Clock clock;
    private final Consumer<String> sink;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LogWindow> windows = new ConcurrentHashMap<>();

    private static final class LogWindow {
        volatile Instant lastLogged = Instant.MIN;
        final AtomicLong suppressed = new AtomicLong();
    }

    /**
     * @param sink receives the reason of every failure, for example the metrics registry; may be a no-op
     */
    public AuthFailureMonitor(Clock clock, Consumer<String> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    public AuthFailureMonitor(Clock clock) {
        this(clock, reason -> {});
    }

    /** Counts and (rate-limited) logs one failure. {@code detail} must never contain a secret. */
    public void record(String reason, String peerAddress, String method, String path, String detail) {
        counts.computeIfAbsent(reason, key -> new LongAdder()).increment();
        sink.accept(reason);
        LogWindow window = windows.computeIfAbsent(reason, key -> new LogWindow());
        Instant now = clock.instant();
        boolean due;
        synchronized (window) {
            due = !now.isBefore(window.lastLogged.plus(LOG_INTERVAL));
            if (due) {
                window.lastLogged = now;
            }
        }
        if (!due) {
            window.suppressed.incrementAndGet();
            return;
        }
        long suppressed = window.suppressed.getAndSet(0);
        LOG.warn("admin authentication failed ({}) from {} on {} {}: {}{}", reason, peerAddress, method, path, detail,
                suppressed == 0 ? "" : " (" + suppressed + " more " + reason + " failures not logged in the last "
                        + LOG_INTERVAL.toSeconds() + " s)");
    }

    public long count(String reason) {
        LongAdder adder = counts.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** Failures so far by reason. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
        return snapshot;
    }
}
