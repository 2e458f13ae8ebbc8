package dev.tollgate.runtime.upstream;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Smooth weighted round robin as nginx does it ({@code ngx_http_upstream_get_peer} in
 * {@code src/http/ngx_http_upstream_round_robin.c}): on every step each target's current weight
 * grows by its weight, the largest current weight wins and loses the total. Weights 5:1:1 give
 * {@code a a b a c a a}, not five a's in a row.
 *
 * <p>nginx updates the current weights on every pick, which from many threads would need a
 * lock. Here the whole cycle (sum of weights divided by their
 * greatest common divisor) is computed once into an array, and a pick is one atomic increment
 * of a counter into that array. The cycle is built over the targets that are eligible at that
 * moment and rebuilt when eligibility changes, so an ejected target's share is spread over the
 * others by their weights. Targets an exchange excludes (those it already tried) do not cause a
 * rebuild: the pick walks forward in the cycle to the next target not excluded.
 *
 * <p>NOTE: a rebuild costs O(cycle length × targets), at most 1000 × targets² for the weight
 * limit of 1000, and runs on the request thread that notices the change.
 */
final class WeightedRoundRobin implements LoadBalancer {

    private final UpstreamTarget[] targets;
    private final AtomicReference<Cycle> healthyCycle = new AtomicReference<>();
    /** Kept apart so that panic picks, which follow a failed healthy pick, do not rebuild both each time. */
    private final AtomicReference<Cycle> panicCycle = new AtomicReference<>();
    private final AtomicLong position = new AtomicLong();

    WeightedRoundRobin(UpstreamTarget[] targets) {
        this.targets = targets;
    }

    @Override
    public UpstreamTarget select(PickContext context, Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        Cycle current = currentCycle(nowMillis, panic);
        int length = current.order.length;
        if (length == 0) {
            return null;
        }
        long start = position.getAndIncrement();
        for (int step = 0; step < length; step++) {
            UpstreamTarget target = targets[current.order[(int) Math.floorMod(start + step, (long) length)]];
            if (target.isEligible(exclude, nowMillis, panic)) {
                return target;
            }
        }
        return null;
    }

    /** Returns the index of the next target in the cycle over all weighted targets, ignoring health. */
    int nextIndexIgnoringHealth(long nowMillis) {
        Cycle current = currentCycle(nowMillis, true);
        int length = current.order.length;
        return length == 0 ? 0 : current.order[(int) Math.floorMod(position.getAndIncrement(), (long) length)];
    }

    private Cycle currentCycle(long nowMillis, boolean panic) {
        AtomicReference<Cycle> cached = panic ? panicCycle : healthyCycle;
        Cycle current = cached.get();
        if (current == null || !current.matches(targets, nowMillis, panic)) {
            current = Cycle.build(targets, nowMillis, panic);
            cached.set(current);
        }
        return current;
    }

    /** One full round over the targets that were eligible when it was built. */
    private record Cycle(boolean panic, boolean[] eligible, int[] order) {

        boolean matches(UpstreamTarget[] targets, long nowMillis, boolean panicNow) {
            if (panic != panicNow) {
                return false;
            }
            for (int i = 0; i < targets.length; i++) {
                if (eligible[i] != targets[i].isEligible(Set.of(), nowMillis, panicNow)) {
                    return false;
                }
            }
            return true;
        }

        static Cycle build(UpstreamTarget[] targets, long nowMillis, boolean panic) {
            boolean[] eligible = new boolean[targets.length];
            int[] weights = new int[targets.length];
            int divisor = 0;
            for (int i = 0; i < targets.length; i++) {
                eligible[i] = targets[i].isEligible(Set.of(), nowMillis, panic);
                if (eligible[i]) {
                    weights[i] = targets[i].weight();
                    divisor = gcd(divisor, weights[i]);
                }
            }
            int total = 0;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = divisor == 0 ? 0 : weights[i] / divisor;
                total += weights[i];
            }
            return new Cycle(panic, eligible, smoothOrder(weights, total));
        }

        /** Runs nginx's smooth weighted round robin for one full cycle of {@code total} picks. */
        static int[] smoothOrder(int[] weights, int total) {
            int[] order = new int[total];
            long[] current = new long[weights.length];
            for (int pick = 0; pick < total; pick++) {
                int best = -1;
                for (int i = 0; i < weights.length; i++) {
                    if (weights[i] == 0) {
                        continue;
                    }
                    current[i] += weights[i];
                    if (best == -1 || current[i] > current[best]) {
                        best = i;
                    }
                }
                current[best] -= total;
                order[pick] = best;
            }
            return order;
        }

        private static int gcd(int a, int b) {
            while (b != 0) {
                int remainder = a % b;
                a = b;
                b = remainder;
            }
            return a;
        }
    }
}
