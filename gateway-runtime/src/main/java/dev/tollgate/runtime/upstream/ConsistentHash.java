package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.Upstream;
import java.util.Arrays;
import java.util.Set;

/**
 * A hash ring keyed on a request header or the client address. Each target owns
 * {@value #POINTS_PER_WEIGHT_UNIT} points per unit of weight (after dividing all weights by their
 * greatest common divisor), placed at the hash of {@code url#n}. A key goes to the owner of the
 * first point at or after its hash, walking on past points of targets that are not eligible.
 * Because a point's position depends only on its own target, adding or removing a target moves
 * only the keys on that target's points.
 *
 * <p>A request without the configured header falls back to its client address; a request with
 * neither goes round robin.
 */
final class ConsistentHash implements LoadBalancer {

    static final int POINTS_PER_WEIGHT_UNIT = 160;

    private final UpstreamTarget[] targets;
    private final String hashOn;
    private final boolean hashOnClientAddress;
    private final long[] pointHashes;
    private final int[] pointOwners;
    private final WeightedRoundRobin fallback;

    ConsistentHash(UpstreamTarget[] targets, String hashOn) {
        if (hashOn == null || hashOn.isBlank()) {
            throw new IllegalArgumentException("consistent-hash balancer needs hashOn: a header name or \""
                    + Upstream.HASH_ON_CLIENT_ADDRESS + "\"");
        }
        this.targets = targets;
        this.hashOn = hashOn;
        this.hashOnClientAddress = Upstream.HASH_ON_CLIENT_ADDRESS.equals(hashOn);
        this.fallback = new WeightedRoundRobin(targets);

        int divisor = 0;
        for (UpstreamTarget target : targets) {
            divisor = gcd(divisor, target.weight());
        }
        int pointCount = 0;
        for (UpstreamTarget target : targets) {
            pointCount += divisor == 0 ? 0 : target.weight() / divisor * POINTS_PER_WEIGHT_UNIT;
        }
        long[] hashes = new long[pointCount];
        int next = 0;
        for (UpstreamTarget target : targets) {
            int points = divisor == 0 ? 0 : target.weight() / divisor * POINTS_PER_WEIGHT_UNIT;
            for (int n = 0; n < points; n++) {
                hashes[next++] = Hashing.hash64(target.url() + "#" + n);
            }
        }
        Integer[] order = new Integer[pointCount];
        for (int i = 0; i < pointCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(hashes[a], hashes[b]));
        int[] ownersByPoint = new int[pointCount];
        int cursor = 0;
        for (UpstreamTarget target : targets) {
            int points = divisor == 0 ? 0 : target.weight() / divisor * POINTS_PER_WEIGHT_UNIT;
            for (int n = 0; n < points; n++) {
                ownersByPoint[cursor++] = target.index();
            }
        }
        this.pointHashes = new long[pointCount];
        this.pointOwners = new int[pointCount];
        for (int i = 0; i < pointCount; i++) {
            pointHashes[i] = hashes[order[i]];
            pointOwners[i] = ownersByPoint[order[i]];
        }
    }

    @Override
    public UpstreamTarget select(PickContext context, Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        String key = hashOnClientAddress ? context.clientAddress() : context.header(hashOn);
        if (key == null && !hashOnClientAddress) {
            key = context.clientAddress();
        }
        if (key == null) {
            return fallback.select(context, exclude, nowMillis, panic);
        }
        if (!anyEligible(exclude, nowMillis, panic)) {
            return null;
        }
        return walkRing(Hashing.hash64(key), exclude, nowMillis, panic);
    }

    /** Returns the owner of the first eligible point at or after {@code keyHash}, in unsigned order. */
    private UpstreamTarget walkRing(long keyHash, Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        int start = firstPointAtOrAfter(keyHash);
        for (int step = 0; step < pointHashes.length; step++) {
            UpstreamTarget owner = targets[pointOwners[(start + step) % pointHashes.length]];
            if (owner.isEligible(exclude, nowMillis, panic)) {
                return owner;
            }
        }
        return null;
    }

    private int firstPointAtOrAfter(long keyHash) {
        int low = 0;
        int high = pointHashes.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(pointHashes[middle], keyHash) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == pointHashes.length ? 0 : low;
    }

    private boolean anyEligible(Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        for (UpstreamTarget target : targets) {
            if (target.isEligible(exclude, nowMillis, panic)) {
                return true;
            }
        }
        return false;
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
