package dev.tollgate.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An admin token as listed by the API. The secret itself is only in {@link CreatedAdminToken}, once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdminToken(String id, Role role, String description, Instant createdAt, Instant revokedAt) {

    /** Body of {@code POST /admin/v1/tokens}. */
    public record CreateRequest(Role role, String description) {}

    /** The response to a create: the only time the token's secret leaves the runtime. */
    public record CreatedAdminToken(AdminToken token, String secret) {}
}
