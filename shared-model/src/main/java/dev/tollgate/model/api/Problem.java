package dev.tollgate.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.model.validation.Violation;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the gateway's request
 * id and, for invalid input, every violation by field path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, String requestId,
        List<Violation> errors, Long currentRevision) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, String requestId) {
        return new Problem("about:blank", title, status, detail, null, requestId, null, null);
    }

    public Problem withErrors(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, requestId, List.copyOf(violations), currentRevision);
    }

    public Problem withCurrentRevision(long revision) {
        return new Problem(type, title, status, detail, instance, requestId, errors, revision);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, requestId, errors, currentRevision);
    }
}
