package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.Upstream;
import java.util.Arrays;
import java.util.Set;

/**
 * A hash ring keyed on a request header or the client address. Each target owns
 * {@value #POINTS_PER_WEIGHT_UNIT} points per unit of weight (after dividing all weights by their
 * greatest common divisor), placed at the hash of {@code url#n} with 48 bits of precision. Rings
 * that would exceed {@link #MAX_POINTS} points get fewer points per unit, which spreads keys less
 * evenly.
 *
 * <p>A key goes to the owner of the first point at or after its hash, walking on past points of
 * targets that are not eligible. Because a point's position depends only on its own target,
 * adding or removing a target moves only the keys on that target's points.
 *
 * <p>A request without the configured header falls back to its client address; a request with
 * neither goes round robin.
 */
final class ConsistentHash implements LoadBalancer {

    static final int POINTS_PER_WEIGHT_UNIT = 160;
    /** Upper bound of ring points (8 MiB of longs and 4 MiB of ints), to bound memory and build time. */
    static final int MAX_POINTS = 1 << 20;
    /** The low bits of a ring position, which carry the owner's index while sorting. */
    private static final long OWNER_MASK = 0xffff;

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

        if (targets.length > OWNER_MASK + 1) {
            throw new IllegalArgumentException("consistent-hash balancer supports at most " + (OWNER_MASK + 1)
                    + " targets, got " + targets.length);
        }
        int pointsPerUnit = pointsPerWeightUnit(targets);
        long[] packed = buildPackedPoints(targets, pointsPerUnit);
        Arrays.sort(packed);
        this.pointHashes = new long[packed.length];
        this.pointOwners = new int[packed.length];
        for (int i = 0; i < packed.length; i++) {
            long unsigned = packed[i] ^ Long.MIN_VALUE;
            pointHashes[i] = unsigned & ~OWNER_MASK;
            pointOwners[i] = (int) (unsigned & OWNER_MASK);
        }
    }

    /**
     * Returns {@value #POINTS_PER_WEIGHT_UNIT}, or fewer when the ring would exceed
     * {@value #MAX_POINTS} points, as it would for hundreds of targets with coprime weights.
     */
    private static int pointsPerWeightUnit(UpstreamTarget[] targets) {
        int divisor = weightDivisor(targets);
        long weightUnits = 0;
        for (UpstreamTarget target : targets) {
            weightUnits += divisor == 0 ? 0 : target.weight() / divisor;
        }
        if (weightUnits * POINTS_PER_WEIGHT_UNIT <= MAX_POINTS) {
            return POINTS_PER_WEIGHT_UNIT;
        }
        return (int) Math.max(1, MAX_POINTS / weightUnits);
    }

    /**
     * Returns one long per ring point: the point's hash with its low 16 bits replaced by the
     * owner's index, with the sign bit flipped so that a signed sort gives unsigned hash order.
     */
    private static long[] buildPackedPoints(UpstreamTarget[] targets, int pointsPerUnit) {
        int divisor = weightDivisor(targets);
        int pointCount = 0;
        for (UpstreamTarget target : targets) {
            pointCount += divisor == 0 ? 0 : target.weight() / divisor * pointsPerUnit;
        }
        long[] packed = new long[pointCount];
        int next = 0;
        for (UpstreamTarget target : targets) {
            int points = divisor == 0 ? 0 : target.weight() / divisor * pointsPerUnit;
            for (int n = 0; n < points; n++) {
                long position = Hashing.hash64(target.url() + "#" + n) & ~OWNER_MASK;
                packed[next++] = (position | target.index()) ^ Long.MIN_VALUE;
            }
        }
        return packed;
    }

    private static int weightDivisor(UpstreamTarget[] targets) {
        int divisor = 0;
        for (UpstreamTarget target : targets) {
            divisor = gcd(divisor, target.weight());
        }
        return divisor;
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
