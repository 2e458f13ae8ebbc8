package dev.tollgate.console.service;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;

/** Plain sentences for network failures in the status bar. The exception itself goes only to the log. */
public final class NetworkFailures {

    private NetworkFailures() {}

    /** Describes {@code failure} on the way to {@code url}, for example "Cannot reach 127.0.0.1:9090". */
    public static String describe(Throwable failure, String url) {
        String address = address(url);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return "Cannot reach " + address;
            }
            if (cause instanceof UnknownHostException) {
                return "Cannot resolve the host name of " + address;
            }
            if (cause instanceof SSLException) {
                return "The TLS handshake with " + address + " failed";
            }
            if (cause instanceof InterruptedIOException) {
                return address + " did not answer in time";
            }
        }
        return "The connection to " + address + " failed";
    }

    /** Returns {@code host:port} of {@code url}, or the text itself when it is no http(s) URL. */
    static String address(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        return parsed == null ? String.valueOf(url) : parsed.host() + ":" + parsed.port();
    }
}
