package dev.tollgate.runtime.server;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.Timeouts;
import dev.tollgate.model.config.Upstream;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.config.ConfigApplier;
import dev.tollgate.runtime.config.ConfigSummary;
import dev.tollgate.runtime.proxy.RouteSettings;
import dev.tollgate.runtime.proxy.TrustedProxies;
import dev.tollgate.runtime.proxy.UpstreamConnectSettings;
import dev.tollgate.runtime.routing.Router;
import dev.tollgate.runtime.upstream.UpstreamEnvironment;
import dev.tollgate.runtime.upstream.UpstreamPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the serving {@link GatewaySnapshot} in one volatile field and replaces it when a new
 * revision is applied. Compiling happens before the swap: a document that fails validation or
 * compilation throws {@link InvalidConfigException} and the previous snapshot keeps serving.
 *
 * <p>Upstream pools are carried across revisions by id through {@link UpstreamPool#reconfigure},
 * so passive-health and breaker state survive a reload; pools that were replaced or whose
 * upstream was removed are closed after the swap, which stops their health checks while
 * exchanges still running on them finish.
 */
public final class SnapshotHolder implements ConfigApplier, Supplier<GatewaySnapshot>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHolder.class);

    private final UpstreamEnvironment environment;
    private final Object applyLock = new Object();
    private volatile GatewaySnapshot current;

    public SnapshotHolder(UpstreamEnvironment environment) {
        this.environment = environment;
        this.current = new GatewaySnapshot(0, GatewayConfig.empty(), Router.compile(List.of()), Map.of(), Map.of(),
                TrustedProxies.NONE, Set.of());
    }

    /** Returns the snapshot new requests run on. */
    @Override
    public GatewaySnapshot get() {
        return current;
    }

    @Override
    public void apply(GatewayConfig config, long revision) {
        synchronized (applyLock) {
            GatewaySnapshot previous = current;
            GatewaySnapshot next = compile(config, revision, previous);
            current = next;
            closeRemovedPools(previous, next);
            LOG.info("Serving config revision {}: {}", revision, ConfigSummary.describe(config));
        }
    }

    private GatewaySnapshot compile(GatewayConfig config, long revision, GatewaySnapshot previous) {
        ConfigValidator.requireValid(config);

        Router router;
        try {
            router = Router.compile(config.routes());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(new Violation("routes", "cannot be compiled: " + e.getMessage()));
        }

        TrustedProxies trustedProxies;
        try {
            trustedProxies = TrustedProxies.parse(config.gateway().trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(new Violation("gateway.trustedProxies", e.getMessage()));
        }

        Set<String> sensitive = new HashSet<>();
        for (String name : config.gateway().redactedQueryParameters()) {
            sensitive.add(name.toLowerCase(Locale.ROOT));
        }

        Map<String, UpstreamPool> pools = preparePools(config, previous);
        Map<String, RouteSettings> routes = new HashMap<>();
        for (Route route : config.routes()) {
            Upstream upstream = config.upstream(route.upstream()).orElseThrow();
            routes.put(route.id(), routeSettings(route, upstream, pools.get(upstream.id())));
        }
        return new GatewaySnapshot(revision, config, router, routes, pools, trustedProxies, sensitive);
    }

    /**
     * Returns the pools for {@code config}: an upstream whose settings did not change keeps its
     * pool, a changed one gets a successor pool that shares its targets' health state, and a new
     * one gets a fresh pool. New pools are started here; the pools they replace are closed after
     * the swap. When starting a pool fails, the pools started so far are closed and the failure is
     * reported as invalid config.
     */
    private Map<String, UpstreamPool> preparePools(GatewayConfig config, GatewaySnapshot previous) {
        Map<String, UpstreamPool> pools = new HashMap<>();
        List<UpstreamPool> started = new ArrayList<>();
        for (int i = 0; i < config.upstreams().size(); i++) {
            Upstream upstream = config.upstreams().get(i);
            UpstreamPool existing = previous.pools().get(upstream.id());
            try {
                UpstreamPool pool = existing != null ? existing.reconfigure(upstream) : UpstreamPool.create(upstream, environment);
                if (pool != existing) {
                    started.add(pool);
                    pool.start();
                }
                pools.put(upstream.id(), pool);
            } catch (RuntimeException e) {
                started.forEach(SnapshotHolder::closeQuietly);
                throw new InvalidConfigException(new Violation("upstreams[" + i + "]",
                        "cannot be started: " + e.getMessage()));
            }
        }
        return pools;
    }

    private static RouteSettings routeSettings(Route route, Upstream upstream, UpstreamPool pool) {
        Timeouts timeouts = route.timeouts();
        long connectMillis = timeouts != null && timeouts.connectMillis() != null
                ? timeouts.connectMillis()
                : upstream.connectTimeoutMillisOrDefault();
        long responseMillis = timeouts != null && timeouts.responseMillis() != null
                ? timeouts.responseMillis()
                : Timeouts.DEFAULT_RESPONSE_MILLIS;
        UpstreamConnectSettings connect = new UpstreamConnectSettings(connectMillis, upstream.idleTimeoutMillisOrDefault(),
                upstream.maxConnectionsPerTargetOrDefault());
        boolean rewriteLocation = route.responseRewrite() != null && route.responseRewrite().locationOrDefault();
        boolean rewriteCookieDomain = route.responseRewrite() != null && route.responseRewrite().cookieDomainOrDefault();
        return new RouteSettings(route.id(), pool, connect, responseMillis, route.preserveHostOrDefault(), rewriteLocation,
                rewriteCookieDomain);
    }

    private static void closeRemovedPools(GatewaySnapshot previous, GatewaySnapshot next) {
        for (Map.Entry<String, UpstreamPool> entry : previous.pools().entrySet()) {
            if (next.pools().get(entry.getKey()) != entry.getValue()) {
                LOG.debug("Closing the replaced pool of upstream {}", entry.getKey());
                closeQuietly(entry.getValue());
            }
        }
    }

    /** Closes every pool; the holder serves nothing useful afterwards. */
    @Override
    public void close() {
        synchronized (applyLock) {
            current.pools().values().forEach(SnapshotHolder::closeQuietly);
        }
    }

    private static void closeQuietly(UpstreamPool pool) {
        try {
            pool.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing an upstream pool failed", e);
        }
    }
}
