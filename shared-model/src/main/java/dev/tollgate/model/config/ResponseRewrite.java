package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Rewrites parts of upstream responses that would leak the upstream's address to clients.
 *
 * @param location rewrite an absolute {@code Location} or {@code Content-Location} that points at
 *     the target to the address the client used; the stripped or replaced prefix is put back
 * @param cookieDomain rewrite the {@code Domain} attribute of {@code Set-Cookie} to the host the
 *     client used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseRewrite(Boolean location, Boolean cookieDomain) {

    public boolean locationOrDefault() {
        return location != null && location;
    }

    public boolean cookieDomainOrDefault() {
        return cookieDomain != null && cookieDomain;
    }
}
