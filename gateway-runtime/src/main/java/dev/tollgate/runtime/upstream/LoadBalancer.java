package dev.tollgate.runtime.upstream;

import dev.tollgate.model.config.Upstream;
import java.util.Set;

/** Chooses one eligible target. The pool then takes admission from that target's breaker. */
interface LoadBalancer {

    /**
     * Returns an eligible target ({@link UpstreamTarget#isEligible}) or null when there is none.
     *
     * @param panic true to ignore health, as the pool does when every candidate is unhealthy
     */
    UpstreamTarget select(PickContext context, Set<TargetHandle> exclude, long nowMillis, boolean panic);

    static LoadBalancer create(Upstream config, UpstreamTarget[] targets) {
        return switch (config.balancer()) {
            case ROUND_ROBIN -> new WeightedRoundRobin(targets);
            case LEAST_REQUESTS -> new LeastRequests(targets);
            case CONSISTENT_HASH -> new ConsistentHash(targets, config.hashOn());
        };
    }
}
