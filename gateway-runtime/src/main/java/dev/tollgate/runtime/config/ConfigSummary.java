package dev.tollgate.runtime.config;

import dev.tollgate.model.config.GatewayConfig;

/** One-line summary of a config document for logs and CLI output, such as "2 routes, 1 upstream". */
public final class ConfigSummary {

    private ConfigSummary() {}

    public static String describe(GatewayConfig config) {
        return count(config.routes().size(), "route") + ", " + count(config.upstreams().size(), "upstream");
    }

    private static String count(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
