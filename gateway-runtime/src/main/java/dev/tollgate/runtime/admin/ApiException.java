package dev.tollgate.runtime.admin;

import dev.tollgate.model.validation.Violation;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;

/** Ends an admin exchange with a problem response; thrown by endpoints and caught by the handler. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;
    private final Long currentRevision;

    ApiException(int status, String title, String detail) {
        this(status, title, detail, null, null);
    }

    ApiException(int status, String title, String detail, List<Violation> violations, Long currentRevision) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations;
        this.currentRevision = currentRevision;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    /** 422, titled with the reason phrase Jetty sends on the status line, so the two never disagree. */
    static ApiException invalid(String detail, List<Violation> violations) {
        return new ApiException(422, HttpStatus.getMessage(422), detail, violations, null);
    }

    static ApiException preconditionFailed(String detail, long currentRevision) {
        return new ApiException(412, "Precondition Failed", detail, null, currentRevision);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    List<Violation> violations() {
        return violations;
    }

    Long currentRevision() {
        return currentRevision;
    }
}
