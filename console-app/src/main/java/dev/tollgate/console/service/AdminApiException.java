package dev.tollgate.console.service;

import dev.tollgate.model.api.Problem;
import dev.tollgate.model.validation.Violation;
import java.util.List;

/** An error status from the admin API, with the problem details when the response body had them. */
public final class AdminApiException extends Exception {

    private final int status;
    private final Problem problem;

    public AdminApiException(String method, String path, int status, Problem problem) {
        super(describe(method, path, status, problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** Returns the RFC 9457 body, or null when the server sent none. */
    public Problem problem() {
        return problem;
    }

    public boolean isConflict() {
        return status == 412;
    }

    public boolean isInvalid() {
        return status == 422 || status == 400;
    }

    public List<Violation> violations() {
        return problem == null || problem.errors() == null ? List.of() : problem.errors();
    }

    private static String describe(String method, String path, int status, Problem problem) {
        String reason = problem == null ? "" : ": " + (problem.detail() != null ? problem.detail() : problem.title());
        return method + " " + path + " failed with status " + status + reason;
    }
}
