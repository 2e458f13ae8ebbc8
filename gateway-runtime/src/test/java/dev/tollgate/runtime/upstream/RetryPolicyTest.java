package dev.tollgate.runtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.model.config.RetrySettings;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final MutableClock clock = new MutableClock();

    /** A generator whose bounded draws always return the lowest or the highest value. */
    private static RandomGenerator fixed(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    private RetryPolicy policy(int attempts, long backoffMillis, int budgetPercent, RandomGenerator random) {
        return new RetryPolicy(new RetrySettings(attempts, backoffMillis, budgetPercent), clock, random);
    }

    private static int acquireAll(RetryPolicy policy) {
        int acquired = 0;
        while (policy.tryAcquireRetry()) {
            acquired++;
            if (acquired > 1_000_000) {
                throw new AssertionError("retry budget never ran out");
            }
        }
        return acquired;
    }

    @ParameterizedTest(name = "{0} retryable: {1}")
    @CsvSource({
            "GET, true", "HEAD, true", "OPTIONS, true", "PUT, true", "DELETE, true", "TRACE, true",
            "POST, false", "PATCH, false", "CONNECT, false", "get, false", "PROPFIND, false", "'', false",
    })
    void onlyIdempotentMethodsAreRetryable(String method, boolean retryable) {
        assertThat(policy(2, 25, 20, null).isRetryable(method)).isEqualTo(retryable);
    }

    @Test
    void nullMethodIsNotRetryable() {
        assertThat(policy(2, 25, 20, null).isRetryable(null)).isFalse();
    }

    @ParameterizedTest(name = "retry.attempts {0}: {1} attempts in total")
    @CsvSource({"0, 1", "1, 2", "3, 4", "10, 11"})
    void maxAttemptsCountsFirstAttempt(int retries, int attempts) {
        RetryPolicy policy = policy(retries, 25, 20, null);

        assertThat(policy.maxAttempts()).isEqualTo(attempts);
        assertThat(policy.maxRetries()).isEqualTo(retries);
    }

    @Test
    void defaultsAllowOneRetry() {
        RetryPolicy policy = new RetryPolicy(RetrySettings.DEFAULTS, clock, null);

        assertThat(policy.maxRetries()).isEqualTo(1);
        assertThat(policy.maxAttempts()).isEqualTo(2);
    }

    @ParameterizedTest(name = "retry {0}: between {1} and {2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "4, 400, 800", "5, 800, 1600"})
    void backoffDoublesWithEachRetry(int retryNumber, long lowest, long highest) {
        assertThat(policy(5, 100, 20, fixed(false)).backoffMillis(retryNumber)).isEqualTo(lowest);
        assertThat(policy(5, 100, 20, fixed(true)).backoffMillis(retryNumber)).isEqualTo(highest);
    }

    @Test
    void backoffStaysWithinJitterRange() {
        RetryPolicy policy = policy(3, 100, 20, null);

        for (int i = 0; i < 1_000; i++) {
            assertThat(policy.backoffMillis(3)).isBetween(200L, 400L);
        }
    }

    @Test
    void backoffIsCappedAtMaximum() {
        RetryPolicy policy = policy(10, 60_000, 20, fixed(true));

        assertThat(policy.backoffMillis(10)).isEqualTo(RetryPolicy.MAX_BACKOFF_MILLIS);
    }

    @Test
    void zeroBackoffRetriesImmediately() {
        assertThat(policy(3, 0, 20, fixed(true)).backoffMillis(2)).isZero();
    }

    @Test
    void backoffRejectsRetryNumberBelowOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy(3, 25, 20, null).backoffMillis(0))
                .withMessage("retryNumber must be 1 or more (1 is the first retry), was 0");
    }

    @Test
    void idleUpstreamGetsFloorOfRetries() {
        RetryPolicy policy = policy(3, 25, 20, null);

        assertThat(acquireAll(policy)).isEqualTo(RetryPolicy.MIN_RETRIES_PER_WINDOW);
    }

    @Test
    void budgetGrowsWithRequests() {
        RetryPolicy policy = policy(3, 25, 20, null);
        for (int i = 0; i < 1_000; i++) {
            policy.recordRequest();
        }

        assertThat(acquireAll(policy)).isEqualTo(200 + RetryPolicy.MIN_RETRIES_PER_WINDOW);
        assertThat(policy.tryAcquireRetry()).isFalse();
    }

    @Test
    void concurrentRetriesNeverOverspendBudget() throws Exception {
        RetryPolicy policy = policy(3, 25, 20, null);
        for (int i = 0; i < 500; i++) {
            policy.recordRequest();
        }
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> acquiredPerThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                acquiredPerThread.add(executor.submit(() -> {
                    start.await();
                    int acquired = 0;
                    for (int i = 0; i < 100; i++) {
                        if (policy.tryAcquireRetry()) {
                            acquired++;
                        }
                    }
                    return acquired;
                }));
            }
            start.countDown();
            int acquired = 0;
            for (Future<Integer> future : acquiredPerThread) {
                acquired += future.get();
            }

            assertThat(acquired).isEqualTo(100 + RetryPolicy.MIN_RETRIES_PER_WINDOW);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void zeroPercentLeavesOnlyFloor() {
        RetryPolicy policy = policy(3, 25, 0, null);
        for (int i = 0; i < 1_000; i++) {
            policy.recordRequest();
        }

        assertThat(acquireAll(policy)).isEqualTo(RetryPolicy.MIN_RETRIES_PER_WINDOW);
    }

    @Test
    void spentBudgetRefillsAsWindowSlides() {
        RetryPolicy policy = policy(3, 25, 50, null);
        for (int i = 0; i < 100; i++) {
            policy.recordRequest();
        }
        assertThat(acquireAll(policy)).isEqualTo(60);

        // The requests and retries are still inside the 10 s window.
        clock.advance(Duration.ofMillis(9_000));
        assertThat(policy.tryAcquireRetry()).isFalse();

        // A second later both have left the window: only the floor is back.
        clock.advance(Duration.ofMillis(1_000));
        assertThat(acquireAll(policy)).isEqualTo(RetryPolicy.MIN_RETRIES_PER_WINDOW);
    }

    @Test
    void windowCountsRequestsOfLastTenSeconds() {
        RetryPolicy policy = policy(3, 25, 100, null);
        for (int i = 0; i < 50; i++) {
            policy.recordRequest();
        }
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 30; i++) {
            policy.recordRequest();
        }
        clock.advance(Duration.ofSeconds(5));

        // The first 50 requests are now 10 s old and have left the window; the 30 remain.
        assertThat(acquireAll(policy)).isEqualTo(30 + RetryPolicy.MIN_RETRIES_PER_WINDOW);
    }

    @Test
    void windowSurvivesLongIdleGap() {
        RetryPolicy policy = policy(3, 25, 100, null);
        for (int i = 0; i < 50; i++) {
            policy.recordRequest();
        }
        acquireAll(policy);

        clock.advance(Duration.ofDays(3));
        policy.recordRequest();

        assertThat(acquireAll(policy)).isEqualTo(1 + RetryPolicy.MIN_RETRIES_PER_WINDOW);
    }
}
