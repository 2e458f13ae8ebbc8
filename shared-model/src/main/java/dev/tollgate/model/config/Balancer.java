package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Load-balancing method an upstream uses to pick a target for each request. */
public enum Balancer {
    ROUND_ROBIN("round-robin"),
    LEAST_REQUESTS("least-requests"),
    CONSISTENT_HASH("consistent-hash");

    private final String wireName;

    Balancer(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Balancer fromWireName(String value) {
        String normalised = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Balancer balancer : values()) {
            if (balancer.wireName.equals(normalised)) {
                return balancer;
            }
        }
        throw new IllegalArgumentException("unknown balancer \"" + value + "\"; use one of "
                + Arrays.stream(values()).map(Balancer::wireName).collect(Collectors.joining(", ")));
    }
}
