package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.RetrySettings;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * When the proxy may send an exchange again to another target, and how long it waits first.
 *
 * <p>Only idempotent methods are retried (RFC 9110 section 9.2.2: GET, HEAD, OPTIONS, PUT, DELETE,
 * TRACE), because a repeated POST or PATCH could apply twice. Method names are case-sensitive
 * (RFC 9110 section 9.1), so {@code get} is not retried.
 *
 * <p>The retry budget keeps a failing upstream from receiving a multiple of its normal load: over
 * the last {@value RequestWindow#WINDOW_MILLIS} ms the retries may not exceed
 * {@code budgetPercent} of the first attempts plus a floor of {@value #MIN_RETRIES_PER_WINDOW}, so
 * that an upstream with little traffic can still retry. The floor applies even when
 * {@code budgetPercent} is 0; set {@code attempts} to 0 to turn retries off.
 */
public final class RetryPolicy {

    /** Retries always allowed per window, whatever the traffic: one per second. */
    public static final int MIN_RETRIES_PER_WINDOW = 10;
    /** Upper bound of one backoff delay. */
    public static final long MAX_BACKOFF_MILLIS = 60_000;

    private final RetrySettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final RetryBudgetWindows windows;

    /**
     * Creates a policy whose jitter comes from {@code random}; pass null to use
     * {@link ThreadLocalRandom}. An injected generator is called from every request thread, so it
     * must be thread-safe or used by one thread only, as in tests.
     */
    public RetryPolicy(RetrySettings settings, Clock clock, RandomGenerator random) {
        this(settings, clock, random, new RetryBudgetWindows());
    }

    RetryPolicy(RetrySettings settings, Clock clock, RandomGenerator random, RetryBudgetWindows windows) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
        this.windows = windows;
    }

    public RetrySettings settings() {
        return settings;
    }

    /** Returns whether {@code method} is idempotent and may therefore be retried. */
    public boolean isRetryable(String method) {
        if (method == null) {
            return false;
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            default -> false;
        };
    }

    /**
     * Returns the maximum number of attempts of one exchange, the first included: {@code 1 +
     * retry.attempts}, because {@code retry.attempts} counts only the retries. A proxy that has made
     * {@code maxAttempts()} attempts stops.
     */
    public int maxAttempts() {
        return 1 + settings.attempts();
    }

    /** Returns how many retries may follow the first attempt ({@code retry.attempts}); 0 disables retries. */
    public int maxRetries() {
        return settings.attempts();
    }

    /**
     * Returns the delay before retry number {@code retryNumber} (1 for the first retry):
     * {@code backoffMillis × 2^(retryNumber-1)}, capped at {@link #MAX_BACKOFF_MILLIS}, of which the
     * upper half is random ("equal jitter"). The result lies in {@code [d/2, d]} for that delay
     * {@code d}, so the minimum doubles with every retry while clients that failed together spread out.
     *
     * @throws IllegalArgumentException when {@code retryNumber} is below 1
     */
    public long backoffMillis(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retryNumber must be 1 or more (1 is the first retry), was " + retryNumber);
        }
        long base = settings.backoffMillis();
        if (base <= 0) {
            return 0;
        }
        long delay = Math.min(base, MAX_BACKOFF_MILLIS);
        for (int retry = 1; retry < retryNumber && delay < MAX_BACKOFF_MILLIS; retry++) {
            delay = Math.min(delay * 2, MAX_BACKOFF_MILLIS);
        }
        long half = delay / 2;
        long jitter = delay - half;
        return half + (jitter == 0 ? 0 : generator().nextLong(jitter + 1));
    }

    /** Counts a first attempt toward the retry budget; call it once per exchange, before sending. */
    public void recordRequest() {
        windows.requests.increment(clock.millis());
    }

    /**
     * Takes one retry from the budget.
     *
     * @return false when the retries of the window already reach {@code budgetPercent} of its
     *     requests plus {@value #MIN_RETRIES_PER_WINDOW}; the proxy then returns the last failure
     */
    public boolean tryAcquireRetry() {
        long nowMillis = clock.millis();
        long allowed = MIN_RETRIES_PER_WINDOW + windows.requests.sum(nowMillis) * settings.budgetPercent() / 100;
        return windows.retries.incrementIfBelow(nowMillis, allowed);
    }

    RetryBudgetWindows windows() {
        return windows;
    }

    private RandomGenerator generator() {
        return random != null ? random : ThreadLocalRandom.current();
    }

    /** The counters behind the budget, kept apart so that a reloaded upstream keeps its recent history. */
    static final class RetryBudgetWindows {
        final RequestWindow requests = new RequestWindow();
        final RequestWindow retries = new RequestWindow();
    }
}
