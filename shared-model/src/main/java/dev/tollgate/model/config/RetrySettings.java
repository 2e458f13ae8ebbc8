package dev.tollgate.model.config;

/**
 * Retries of idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) on another target.
 *
 * @param attempts extra attempts after the first; 0 disables retries
 * @param backoffMillis base delay before the first retry, doubled for each further one
 * @param budgetPercent retries allowed as a percentage of recent requests to the upstream, so a
 *     failing upstream does not receive a multiple of its normal load
 */
public record RetrySettings(Integer attempts, Long backoffMillis, Integer budgetPercent) {

    public static final RetrySettings DEFAULTS = new RetrySettings(null, null, null);

    public RetrySettings {
        attempts = attempts == null ? 1 : attempts;
        backoffMillis = backoffMillis == null ? 25L : backoffMillis;
        budgetPercent = budgetPercent == null ? 20 : budgetPercent;
    }
}
