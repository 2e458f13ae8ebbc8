package dev.tollgate.model.config;

/**
 * Ejects a target after consecutive failed exchanges and re-admits it after a cool-down.
 *
 * @param consecutiveFailures failures in a row (connect errors, timeouts, 5xx) that eject a target
 * @param cooldownMillis how long an ejected target stays out before it gets traffic again
 */
public record PassiveHealth(Integer consecutiveFailures, Long cooldownMillis) {

    public static final PassiveHealth DEFAULTS = new PassiveHealth(null, null);

    public PassiveHealth {
        consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
        cooldownMillis = cooldownMillis == null ? 30_000L : cooldownMillis;
    }
}
