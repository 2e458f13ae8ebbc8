package dev.tollgate.model.api;

/** Responses in one interval by status class. */
public record StatusCounts(long informational, long success, long redirection, long clientError, long serverError) {

    public static final StatusCounts ZERO = new StatusCounts(0, 0, 0, 0, 0);

    public long total() {
        return informational + success + redirection + clientError + serverError;
    }

    public StatusCounts plus(StatusCounts other) {
        return new StatusCounts(informational + other.informational, success + other.success,
                redirection + other.redirection, clientError + other.clientError, serverError + other.serverError);
    }
}
