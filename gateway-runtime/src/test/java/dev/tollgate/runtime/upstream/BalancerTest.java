package dev.tollgate.runtime.upstream;

import static dev.tollgate.runtime.upstream.Pools.complete;
import static dev.tollgate.runtime.upstream.Pools.context;
import static dev.tollgate.runtime.upstream.Pools.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.config.ActiveHealthCheck;
import dev.tollgate.model.config.Balancer;
import dev.tollgate.model.config.CircuitBreakerSettings;
import dev.tollgate.model.config.PassiveHealth;
import dev.tollgate.model.config.Target;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BalancerTest {

    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Pools.scheduler();
    private final UpstreamEnvironment environment = Pools.environment(clock, scheduler);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private UpstreamPool pool(Upstream config) {
        return UpstreamPool.create(config, environment);
    }

    private List<String> pickSequence(UpstreamPool pool, int count) {
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TargetHandle target = pool.pick(PickContext.NONE, Set.of());
            sequence.add(target == null ? "none" : target.url());
            if (target != null) {
                complete(target, Outcome.SUCCESS);
            }
        }
        return sequence;
    }

    private static Map<String, Integer> countByUrl(List<String> picks) {
        Map<String, Integer> counts = new TreeMap<>();
        picks.forEach(url -> counts.merge(url, 1, Integer::sum));
        return counts;
    }

    // Weighted round robin

    @Test
    void roundRobin_interleavesWeightsLikeNginx() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, 5, 1, 1));

        List<String> sequence = pickSequence(pool, 14);

        String a = url(0);
        String b = url(1);
        String c = url(2);
        // nginx's smooth weighted round robin gives a a b a c a a for weights 5:1:1, and repeats.
        assertThat(sequence).containsExactly(a, a, b, a, c, a, a, a, a, b, a, c, a, a);
    }

    @ParameterizedTest(name = "weights {0} over {1} picks give {2}")
    @CsvSource(delimiter = ';', value = {
            "1 1 1;   300; 100 100 100",
            "5 1 1;   700; 500 100 100",
            "3 2 1;   600; 300 200 100",
            "2 0 1;   300; 200 0 100",
            "10 20 30; 600; 100 200 300",
            "7;       10;  10",
    })
    void roundRobin_distributesByWeight(String weights, int picks, String expectedCounts) {
        int[] weightValues = parseInts(weights);
        int[] expected = parseInts(expectedCounts);
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, weightValues));

        Map<String, Integer> counts = countByUrl(pickSequence(pool, picks));

        for (int i = 0; i < expected.length; i++) {
            assertThat(counts.getOrDefault(url(i), 0)).as("picks of target %d with weight %d", i, weightValues[i])
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void roundRobin_concurrentPicksKeepExactShares() throws Exception {
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, 5, 1, 1));
        int threads = 4;
        int picksPerThread = 7_000;
        ConcurrentHashMap<String, LongAdder> counts =
                new ConcurrentHashMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < picksPerThread; i++) {
                        TargetHandle target = pool.pick(PickContext.NONE, Set.of());
                        counts.computeIfAbsent(target.url(), url -> new LongAdder()).increment();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            executor.shutdownNow();
        }

        // 28,000 picks are 4,000 whole cycles of a a b a c a a, whichever thread took each step.
        assertThat(counts.get(url(0)).sum()).isEqualTo(20_000);
        assertThat(counts.get(url(1)).sum()).isEqualTo(4_000);
        assertThat(counts.get(url(2)).sum()).isEqualTo(4_000);
    }

    @Test
    void roundRobin_weightZeroGetsNothing() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, 0, 1));

        Map<String, Integer> counts = countByUrl(pickSequence(pool, 50));

        assertThat(counts).containsOnlyKeys(url(1));
    }

    @Test
    void roundRobin_spreadsEjectedShareByWeight() {
        Upstream config = Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 5, 2, 1),
                new PassiveHealth(1, 60_000L), Pools.NEVER_OPEN);
        UpstreamPool pool = pool(config);
        complete(Pools.byUrl(pool, url(0)), Outcome.CONNECT_FAILURE);

        Map<String, Integer> counts = countByUrl(pickSequence(pool, 300));

        assertThat(counts.get(url(0))).isNull();
        assertThat(counts.get(url(1))).isEqualTo(200);
        assertThat(counts.get(url(2))).isEqualTo(100);
    }

    @Test
    void roundRobin_skipsExcludedTargets() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1, 1));
        Set<TargetHandle> tried = Set.of(Pools.byUrl(pool, url(0)), Pools.byUrl(pool, url(2)));

        for (int i = 0; i < 20; i++) {
            TargetHandle target = pool.pick(PickContext.NONE, tried);
            assertThat(target.url()).isEqualTo(url(1));
            complete(target, Outcome.SUCCESS);
        }
    }

    @Test
    void roundRobin_allExcludedGivesNull() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1));

        TargetHandle target = pool.pick(PickContext.NONE, Set.copyOf(pool.targets()));

        assertThat(target).isNull();
    }

    // Least requests

    @Test
    void leastRequests_picksFewestInFlight() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.LEAST_REQUESTS, null, 1, 1, 1));
        TargetHandle busy = Pools.byUrl(pool, url(0));
        TargetHandle lessBusy = Pools.byUrl(pool, url(1));
        TargetHandle idle = Pools.byUrl(pool, url(2));
        busy.onRequestStart();
        busy.onRequestStart();
        lessBusy.onRequestStart();

        TargetHandle picked = pool.pick(PickContext.NONE, Set.of());

        assertThat(picked).isSameAs(idle);
    }

    @Test
    void leastRequests_openRequestsSpreadEvenly() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.LEAST_REQUESTS, null, 1, 1, 1));

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            TargetHandle target = pool.pick(PickContext.NONE, Set.of());
            target.onRequestStart();
            counts.merge(target.url(), 1, Integer::sum);
        }

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(url(0), 10, url(1), 10, url(2), 10));
        assertThat(pool.status()).extracting(TargetStatus::inFlight).containsExactly(10, 10, 10);
    }

    @Test
    void leastRequests_loadsInProportionToWeight() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.LEAST_REQUESTS, null, 3, 1));

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            TargetHandle target = pool.pick(PickContext.NONE, Set.of());
            target.onRequestStart();
            counts.merge(target.url(), 1, Integer::sum);
        }

        assertThat(counts.get(url(0))).isEqualTo(30);
        assertThat(counts.get(url(1))).isEqualTo(10);
    }

    @Test
    void leastRequests_breaksTiesByWeightedRoundRobin() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.LEAST_REQUESTS, null, 2, 1, 1));

        // Every request ends before the next pick, so all targets tie at zero in flight.
        Map<String, Integer> counts = countByUrl(pickSequence(pool, 400));

        assertThat(counts.get(url(0))).isEqualTo(200);
        assertThat(counts.get(url(1))).isEqualTo(100);
        assertThat(counts.get(url(2))).isEqualTo(100);
    }

    @Test
    void leastRequests_weightZeroGetsNothing() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.LEAST_REQUESTS, null, 1, 0));

        Map<String, Integer> counts = countByUrl(pickSequence(pool, 20));

        assertThat(counts).containsOnlyKeys(url(0));
    }

    // Consistent hash

    @Test
    void consistentHash_sameKeyAlwaysSameTarget() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1, 1, 1));

        for (int user = 0; user < 200; user++) {
            PickContext request = context("X-User", "user-" + user, "10.0.0.1");
            TargetHandle first = pool.pick(request, Set.of());
            for (int repeat = 0; repeat < 5; repeat++) {
                assertThat(pool.pick(request, Set.of())).as("user-%d", user).isSameAs(first);
            }
        }
    }

    @Test
    void consistentHash_spreadsKeysByWeight() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1, 2));

        Map<String, Integer> counts = new TreeMap<>();
        int keys = 20_000;
        for (int user = 0; user < keys; user++) {
            counts.merge(pool.pick(context("X-User", "user-" + user, null), Set.of()).url(), 1, Integer::sum);
        }

        // Expected shares 25%, 25%, 50%; 160 points per weight unit keep each within a few percent.
        assertThat(counts.get(url(0))).isBetween((int) (keys * 0.21), (int) (keys * 0.29));
        assertThat(counts.get(url(1))).isBetween((int) (keys * 0.21), (int) (keys * 0.29));
        assertThat(counts.get(url(2))).isBetween((int) (keys * 0.45), (int) (keys * 0.55));
    }

    @Test
    void consistentHash_removingTargetRemapsOnlyItsShare() {
        List<Target> five = List.of(Target.of(url(0)), Target.of(url(1)), Target.of(url(2)), Target.of(url(3)),
                Target.of(url(4)));
        Upstream before = Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1).withTargets(five);
        Upstream after = before.withTargets(five.subList(0, 4));
        UpstreamPool poolBefore = pool(before);
        UpstreamPool poolAfter = pool(after);

        int keys = 10_000;
        int onRemoved = 0;
        int moved = 0;
        for (int user = 0; user < keys; user++) {
            PickContext request = context("X-User", "user-" + user, null);
            String urlBefore = poolBefore.pick(request, Set.of()).url();
            String urlAfter = poolAfter.pick(request, Set.of()).url();
            if (urlBefore.equals(url(4))) {
                onRemoved++;
            } else if (!urlBefore.equals(urlAfter)) {
                moved++;
            }
        }

        assertThat(moved).as("keys that moved although their target stayed").isZero();
        assertThat(onRemoved).as("keys of the removed target, about a fifth").isBetween(keys / 5 - 400, keys / 5 + 400);
    }

    @Test
    void consistentHash_unavailableTargetMovesOnlyItsKeys() {
        Upstream config = Pools.with(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1, 1, 1),
                new PassiveHealth(1, 60_000L), Pools.NEVER_OPEN);
        UpstreamPool pool = pool(config);
        Map<Integer, String> before = new HashMap<>();
        for (int user = 0; user < 2_000; user++) {
            before.put(user, pool.pick(context("X-User", "user-" + user, null), Set.of()).url());
        }

        complete(Pools.byUrl(pool, url(2)), Outcome.SERVER_ERROR);

        for (int user = 0; user < 2_000; user++) {
            String now = pool.pick(context("X-User", "user-" + user, null), Set.of()).url();
            assertThat(now).isNotEqualTo(url(2));
            if (!before.get(user).equals(url(2))) {
                assertThat(now).as("user-%d", user).isEqualTo(before.get(user));
            }
        }
    }

    @Test
    void consistentHash_missingHeaderUsesClientAddress() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1, 1, 1));

        for (int host = 1; host < 100; host++) {
            String address = "10.0.0." + host;
            TargetHandle byHeader = pool.pick(context("X-User", address, "192.0.2.1"), Set.of());
            TargetHandle byAddress = pool.pick(context("X-Other", "ignored", address), Set.of());
            assertThat(byAddress).as(address).isSameAs(byHeader);
        }
    }

    @Test
    void consistentHash_hashesClientAddressWhenConfigured() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, Upstream.HASH_ON_CLIENT_ADDRESS, 1, 1, 1));

        Map<String, Integer> counts = new TreeMap<>();
        for (int host = 0; host < 3_000; host++) {
            String address = "10.0." + (host / 250) + "." + (host % 250);
            TargetHandle first = pool.pick(context("X-User", "ignored-" + host, address), Set.of());
            TargetHandle again = pool.pick(context("X-User", "other-" + host, address), Set.of());
            assertThat(again).as(address).isSameAs(first);
            counts.merge(first.url(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(3);
    }

    @Test
    void consistentHash_withoutKeyGoesRoundRobin() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1));

        Map<String, Integer> counts = countByUrl(pickSequence(pool, 10));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(url(0), 5, url(1), 5));
    }

    @Test
    void consistentHash_skipsExcludedTargetOnRing() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 1, 1));
        PickContext request = context("X-User", "user-7", null);
        TargetHandle first = pool.pick(request, Set.of());

        TargetHandle retry = pool.pick(request, Set.of(first));

        assertThat(retry).isNotNull().isNotSameAs(first);
    }

    @Test
    void consistentHash_weightZeroGetsNothing() {
        UpstreamPool pool = pool(Pools.upstream(Balancer.CONSISTENT_HASH, "X-User", 1, 0));

        for (int user = 0; user < 500; user++) {
            assertThat(pool.pick(context("X-User", "user-" + user, null), Set.of()).url()).isEqualTo(url(0));
        }
    }

    // Availability across balancers

    @ParameterizedTest
    @CsvSource({"ROUND_ROBIN", "LEAST_REQUESTS", "CONSISTENT_HASH"})
    void everyBalancer_returnsNullWhenEveryBreakerIsOpen(Balancer balancer) {
        Upstream config = Pools.with(Pools.upstream(balancer, balancer == Balancer.CONSISTENT_HASH ? "X-User" : null, 1, 1),
                Pools.NEVER_EJECT, new CircuitBreakerSettings(1, 10_000L, 1));
        UpstreamPool pool = pool(config);
        for (TargetHandle target : pool.targets()) {
            complete(target, Outcome.TIMEOUT);
        }

        TargetHandle picked = pool.pick(context("X-User", "user-1", "10.0.0.1"), Set.of());

        assertThat(picked).isNull();
    }

    @ParameterizedTest
    @CsvSource({"ROUND_ROBIN", "LEAST_REQUESTS", "CONSISTENT_HASH"})
    void everyBalancer_panicsWhenEveryTargetIsEjected(Balancer balancer) {
        Upstream config = Pools.with(Pools.upstream(balancer, balancer == Balancer.CONSISTENT_HASH ? "X-User" : null, 1, 1),
                new PassiveHealth(1, 60_000L), Pools.NEVER_OPEN);
        UpstreamPool pool = pool(config);
        for (TargetHandle target : pool.targets()) {
            complete(target, Outcome.CONNECT_FAILURE);
        }

        TargetHandle picked = pool.pick(context("X-User", "user-1", "10.0.0.1"), Set.of());

        assertThat(picked).isNotNull();
        assertThat(pool.inPanicMode()).isTrue();
        assertThat(pool.status()).extracting(TargetStatus::healthy).containsOnly(false);
    }

    @Test
    void panicMode_endsWhenTargetIsHealthyAgain() {
        Upstream config = Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1),
                new PassiveHealth(1, 60_000L), Pools.NEVER_OPEN);
        UpstreamPool pool = pool(config);
        complete(Pools.byUrl(pool, url(0)), Outcome.CONNECT_FAILURE);
        complete(Pools.byUrl(pool, url(1)), Outcome.CONNECT_FAILURE);
        assertThat(pool.pick(PickContext.NONE, Set.of())).isNotNull();
        assertThat(pool.inPanicMode()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        TargetHandle picked = pool.pick(PickContext.NONE, Set.of());

        assertThat(picked).isNotNull();
        assertThat(pool.inPanicMode()).isFalse();
    }

    @Test
    void panicMode_skippedWhileHealthyBreakerOpen() {
        Upstream config = Pools.withHealthCheck(
                Pools.with(Pools.upstream(Balancer.ROUND_ROBIN, null, 1, 1), Pools.NEVER_EJECT,
                        new CircuitBreakerSettings(1, 60_000L, 1)),
                new ActiveHealthCheck("/healthz", null, null, null, null));
        UpstreamPool pool = pool(config);
        UpstreamTarget unhealthy = (UpstreamTarget) Pools.byUrl(pool, url(0));
        unhealthy.state().activeHealthy = false;
        complete(Pools.byUrl(pool, url(1)), Outcome.SERVER_ERROR);

        TargetHandle picked = pool.pick(PickContext.NONE, Set.of());

        // The healthy target's open breaker sheds load; panic would defeat it by using the unhealthy one.
        assertThat(picked).isNull();
        assertThat(pool.inPanicMode()).isFalse();
    }

    private static int[] parseInts(String spaceSeparated) {
        String[] parts = spaceSeparated.trim().split("\\s+");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }
}
