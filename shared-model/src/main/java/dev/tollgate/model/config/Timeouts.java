package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-route timeouts; an unset value falls back to the upstream's or the gateway's default.
 *
 * @param connectMillis TCP (and TLS) connect to a target
 * @param responseMillis from sending the request until the whole response arrived; 504 on expiry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timeouts(Long connectMillis, Long responseMillis) {

    public static final long DEFAULT_RESPONSE_MILLIS = 30_000;
}
