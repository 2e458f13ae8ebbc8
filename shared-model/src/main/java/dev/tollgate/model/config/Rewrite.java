package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Changes the path sent upstream. At most one of the three may be set; the query string is kept.
 *
 * @param stripPrefix removes these leading whole segments, for example {@code /api}
 * @param replacePrefix swaps leading whole segments for others
 * @param template builds the path from {@code {name}} parameters of the matched pattern and
 *     {@code {**}} for the catch-all remainder, for example {@code /v2/orders/{id}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rewrite(String stripPrefix, PrefixReplacement replacePrefix, String template) {

    /** Replaces the leading segments {@code from} with {@code to}. */
    public record PrefixReplacement(String from, String to) {}
}
