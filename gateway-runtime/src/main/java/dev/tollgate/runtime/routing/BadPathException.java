package dev.tollgate.runtime.routing;

/**
 * Signals a request path that the gateway rejects with {@code 400 Bad Request}. The message names
 * the problem and is safe to put into a problem body: it never echoes control characters.
 */
public final class BadPathException extends RuntimeException {

    public BadPathException(String message) {
        super(message);
    }
}
