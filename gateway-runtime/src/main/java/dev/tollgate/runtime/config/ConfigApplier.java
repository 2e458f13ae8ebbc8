package dev.tollgate.runtime.config;

import dev.tollgate.model.config.GatewayConfig;

/**
 * Compiles a validated document into a new serving snapshot and swaps it in atomically. Requests in
 * flight finish on the snapshot they started with.
 */
@FunctionalInterface
public interface ConfigApplier {

    /**
     * Serves {@code config} as {@code revision} from now on.
     *
     * @throws dev.tollgate.model.validation.InvalidConfigException when the document cannot be
     *     compiled; the previous snapshot keeps serving
     */
    void apply(GatewayConfig config, long revision);
}
