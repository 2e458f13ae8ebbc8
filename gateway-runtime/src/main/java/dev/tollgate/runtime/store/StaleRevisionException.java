package dev.tollgate.runtime.store;

/** A commit was based on a revision that is no longer current; nothing changed. */
public class StaleRevisionException extends RuntimeException {

    private final long expectedRevision;
    private final long currentRevision;

    public StaleRevisionException(long expectedRevision, long currentRevision) {
        super("the change was based on revision " + expectedRevision + " but the current revision is "
                + currentRevision + "; reload and apply the change again");
        this.expectedRevision = expectedRevision;
        this.currentRevision = currentRevision;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
