package dev.tollgate.runtime.proxy;

import java.net.ConnectException;

/** A connection to an upstream target was not established within the route's connect timeout. */
public final class UpstreamConnectTimeoutException extends ConnectException {

    public UpstreamConnectTimeoutException(String target, long connectTimeoutMillis) {
        super("connect to " + target + " timed out after " + connectTimeoutMillis + " ms");
    }
}
