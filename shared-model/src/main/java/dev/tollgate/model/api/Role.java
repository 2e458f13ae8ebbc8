package dev.tollgate.model.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Admin token roles, each including the rights of those before it. */
public enum Role {
    /** Reads everything except tokens. */
    VIEWER,
    /** Changes routes, upstreams, keys and rollouts. */
    OPERATOR,
    /** Manages tokens and everything else. */
    ADMIN;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWireName(String value) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + value + "\"; use viewer, operator or admin");
    }
}
