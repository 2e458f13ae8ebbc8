package dev.tollgate.runtime.upstream;

import java.util.Set;

/**
 * Picks the eligible target with the fewest in-flight requests per unit of weight, so a target of
 * weight 2 may carry twice the requests of a target of weight 1 before it loses. The scan starts
 * at the next position of a smooth weighted round robin cycle and only a strictly lower load
 * replaces the current choice, so ties (for example an idle upstream) go round robin by weight.
 *
 * <p>NOTE: every pick scans all targets. That is cheap for the tens of targets an upstream
 * usually has; a very large pool would want two random choices instead.
 */
final class LeastRequests implements LoadBalancer {

    private final UpstreamTarget[] targets;
    private final WeightedRoundRobin tieBreaker;

    LeastRequests(UpstreamTarget[] targets) {
        this.targets = targets;
        this.tieBreaker = new WeightedRoundRobin(targets);
    }

    @Override
    public UpstreamTarget select(PickContext context, Set<TargetHandle> exclude, long nowMillis, boolean panic) {
        int start = tieBreaker.nextIndexIgnoringHealth(nowMillis);
        UpstreamTarget best = null;
        long bestInFlight = 0;
        for (int step = 0; step < targets.length; step++) {
            UpstreamTarget candidate = targets[(start + step) % targets.length];
            if (!candidate.isEligible(exclude, nowMillis, panic)) {
                continue;
            }
            long inFlight = Math.max(0, candidate.inFlight());
            // inFlight / weight < bestInFlight / bestWeight, without division.
            if (best == null || inFlight * best.weight() < bestInFlight * candidate.weight()) {
                best = candidate;
                bestInFlight = inFlight;
            }
        }
        return best;
    }
}
