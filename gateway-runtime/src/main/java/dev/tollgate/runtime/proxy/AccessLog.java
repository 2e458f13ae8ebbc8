package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.telemetry.CompletedExchange;
import dev.tollgate.runtime.telemetry.QueryRedactor;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per finished exchange to the SLF4J logger {@value #LOGGER_NAME} at INFO.
 * The line contains ids, the route, the method, the path with sensitive query values redacted,
 * the target, the status, latencies, byte counts, the client address and the failure reason. It
 * never contains a header value or a body. When the logger is off, a record costs one level check.
 */
public final class AccessLog {

    public static final String LOGGER_NAME = "tollgate.access";
    public static final String REDACTED = QueryRedactor.REDACTED;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AccessLog() {}

    public static boolean isEnabled() {
        return LOG.isInfoEnabled();
    }

    /** Logs {@code exchange}, redacting the values of query parameters named in {@code sensitiveParameters}. */
    public static void log(CompletedExchange exchange, Set<String> sensitiveParameters) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(format(exchange, sensitiveParameters));
    }

    /**
     * Formats one access-log line.
     *
     * @param sensitiveParameters lower-case query parameter names whose values are replaced by
     *     {@value #REDACTED}
     */
    public static String format(CompletedExchange exchange, Set<String> sensitiveParameters) {
        StringBuilder line = new StringBuilder(320);
        line.append('{');
        JsonText.appendName(line, "time", true);
        JsonText.appendString(line, Instant.ofEpochMilli(exchange.startedAtEpochMillis()).toString());
        JsonText.appendName(line, "requestId", false);
        JsonText.appendString(line, exchange.requestId());
        JsonText.appendName(line, "route", false);
        JsonText.appendString(line, exchange.routeId());
        JsonText.appendName(line, "method", false);
        JsonText.appendString(line, exchange.method());
        JsonText.appendName(line, "path", false);
        JsonText.appendString(line, redactQuery(exchange.rawPathAndQuery(), sensitiveParameters));
        JsonText.appendName(line, "target", false);
        JsonText.appendString(line, exchange.target());
        JsonText.appendName(line, "status", false);
        line.append(exchange.status());
        JsonText.appendName(line, "latencyMs", false);
        appendMillis(line, exchange.latencyNanos());
        JsonText.appendName(line, "upstreamLatencyMs", false);
        if (exchange.upstreamLatencyNanos() < 0) {
            line.append("null");
        } else {
            appendMillis(line, exchange.upstreamLatencyNanos());
        }
        JsonText.appendName(line, "bytesIn", false);
        line.append(exchange.requestBytes());
        JsonText.appendName(line, "bytesOut", false);
        line.append(exchange.responseBytes());
        JsonText.appendName(line, "client", false);
        JsonText.appendString(line, exchange.clientAddress());
        if (exchange.failure() != null) {
            JsonText.appendName(line, "failure", false);
            JsonText.appendString(line, exchange.failure());
        }
        return line.append('}').toString();
    }

    /**
     * Replaces the value of every query parameter whose name (compared case-insensitively, after
     * percent-decoding) is sensitive. A path without a sensitive parameter is returned as it is.
     */
    public static String redactQuery(String pathAndQuery, Set<String> sensitiveParameters) {
        return QueryRedactor.redact(pathAndQuery, sensitiveParameters);
    }

    private static void appendMillis(StringBuilder line, long nanos) {
        long micros = nanos / 1_000;
        line.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            line.append('0');
        }
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }
}
