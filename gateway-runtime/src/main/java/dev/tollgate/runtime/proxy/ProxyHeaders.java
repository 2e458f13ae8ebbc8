package dev.tollgate.runtime.proxy;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Header handling between client and upstream: hop-by-hop removal in both directions, the
 * forwarding headers the gateway adds, and the request id.
 *
 * <p>Hop-by-hop headers (RFC 9110 section 7.6.1) describe one connection, so a proxy must not
 * forward them: {@code Connection}, every header that {@code Connection} names, {@code Keep-Alive},
 * {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade} and the {@code Proxy-*}
 * headers. The gateway adds its own headers after the copy, so a client that names
 * {@code X-Forwarded-For} or {@code X-Request-Id} in {@code Connection} cannot remove them.
 */
public final class ProxyHeaders {

    public static final String X_REAL_IP = "X-Real-IP";

    private static final String VIA_HTTP_1_0 = "1.0 tollgate";
    private static final String VIA_HTTP_1_1 = "1.1 tollgate";
    private static final String VIA_HTTP_2 = "2.0 tollgate";
    private static final String VIA_HTTP_3 = "3.0 tollgate";

    private static final EnumSet<HttpHeader> HOP_BY_HOP = EnumSet.of(
            HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE, HttpHeader.TE, HttpHeader.TRAILER,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE, HttpHeader.PROXY_CONNECTION,
            HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_AUTHORIZATION);

    /** Request headers the gateway writes itself; the client's copies are never forwarded as they are. */
    private static final EnumSet<HttpHeader> GATEWAY_REQUEST_HEADERS = EnumSet.of(
            HttpHeader.HOST, HttpHeader.VIA, HttpHeader.FORWARDED, HttpHeader.X_FORWARDED_FOR, HttpHeader.X_FORWARDED_PROTO,
            HttpHeader.X_FORWARDED_HOST, HttpHeader.X_FORWARDED_PORT);

    private ProxyHeaders() {}

    /**
     * Copies the client's end-to-end headers into the gateway→upstream request, then adds
     * {@code Host}, the forwarding headers and {@code X-Request-Id}.
     */
    public static void writeUpstreamRequestHeaders(ProxyExchange exchange, String upstreamHost, HttpFields.Mutable upstream) {
        HttpFields client = exchange.clientRequest().getHeaders();
        List<String> connectionNamed = connectionNamedHeaders(client);

        for (HttpField field : client) {
            HttpHeader header = field.getHeader();
            if (header != null) {
                if (HOP_BY_HOP.contains(header) || GATEWAY_REQUEST_HEADERS.contains(header)) {
                    continue;
                }
            } else if (isGatewayOrProxyHeader(field.getName())) {
                continue;
            }
            if (connectionNamed != null && connectionNamed.contains(field.getLowerCaseName())) {
                continue;
            }
            upstream.add(field);
        }

        // The copy above skipped every header written below, so adding cannot duplicate one, and
        // add() does not scan the fields as put() does.
        upstream.add(HttpHeader.HOST, upstreamHost);
        writeVia(exchange, client, connectionNamed, upstream);
        writeForwardingHeaders(exchange, client, connectionNamed, upstream);
        upstream.add(RequestIds.HEADER, exchange.requestId());
    }

    /**
     * Copies the upstream's end-to-end response headers into the gateway→client response,
     * applying the route's response rewrites, and adds {@code X-Request-Id}.
     */
    public static void writeClientResponseHeaders(ProxyExchange exchange, HttpFields upstream, HttpFields.Mutable client) {
        List<String> connectionNamed = connectionNamedHeaders(upstream);
        RouteSettings route = exchange.route();

        for (HttpField field : upstream) {
            HttpHeader header = field.getHeader();
            if (header != null && HOP_BY_HOP.contains(header)) {
                continue;
            }
            if (header == null && startsWithIgnoreCase(field.getName(), "proxy-")) {
                continue;
            }
            if (connectionNamed != null && connectionNamed.contains(field.getLowerCaseName())) {
                continue;
            }
            if (route.rewriteLocation() && (header == HttpHeader.LOCATION || header == HttpHeader.CONTENT_LOCATION)) {
                client.add(header, ResponseRewriter.rewriteLocation(exchange, field.getValue()));
                continue;
            }
            if (route.rewriteCookieDomain() && header == HttpHeader.SET_COOKIE) {
                client.add(header, ResponseRewriter.rewriteCookieDomain(field.getValue(), exchange.clientHost()));
                continue;
            }
            client.add(field);
        }
        client.put(RequestIds.HEADER, exchange.requestId());
    }

    /**
     * Returns the lower-case names listed in {@code Connection}, or null when there is no such
     * header, so the common case allocates nothing.
     */
    static List<String> connectionNamedHeaders(HttpFields fields) {
        List<String> names = null;
        for (HttpField field : fields) {
            if (field.getHeader() != HttpHeader.CONNECTION) {
                continue;
            }
            for (String name : field.getValues()) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Appends this hop to {@code Via}, which RFC 9110 section 7.6.3 requires of a gateway for
     * requests it forwards inward: the client's protocol version and the pseudonym "tollgate".
     */
    private static void writeVia(ProxyExchange exchange, HttpFields client, List<String> connectionNamed,
            HttpFields.Mutable upstream) {
        String hop = switch (exchange.clientRequest().getConnectionMetaData().getHttpVersion()) {
            case HTTP_1_0 -> VIA_HTTP_1_0;
            case HTTP_2 -> VIA_HTTP_2;
            case HTTP_3 -> VIA_HTTP_3;
            default -> VIA_HTTP_1_1;
        };
        String prior = joinedValues(client, HttpHeader.VIA.asString(), connectionNamed);
        upstream.add(HttpHeader.VIA, prior == null ? hop : prior + ", " + hop);
    }

    /**
     * Writes {@code Forwarded}, {@code X-Forwarded-For/Proto/Host/Port} and {@code X-Real-IP}.
     * From an untrusted TCP peer every client value is dropped and replaced. From a trusted proxy
     * the address lists ({@code Forwarded}, {@code X-Forwarded-For}) get this hop appended and the
     * single-valued headers keep what the trusted proxy sent, because they describe the original
     * client rather than the last hop.
     */
    private static void writeForwardingHeaders(
            ProxyExchange exchange, HttpFields client, List<String> connectionNamed, HttpFields.Mutable upstream) {
        String peer = exchange.clientAddress();
        String proto = exchange.clientScheme();
        String host = exchange.clientAuthority();
        String port = Integer.toString(exchange.localPort());
        boolean trusted = exchange.snapshotTrustsPeer();

        String forwardedHop = forwardedElement(exchange.clientSocketAddress(), peer, proto, host);
        String priorForwarded = trusted ? joinedValues(client, HttpHeader.FORWARDED.asString(), connectionNamed) : null;
        String priorFor = trusted ? joinedValues(client, HttpHeader.X_FORWARDED_FOR.asString(), connectionNamed) : null;

        upstream.add(HttpHeader.FORWARDED, priorForwarded == null ? forwardedHop : priorForwarded + ", " + forwardedHop);
        upstream.add(HttpHeader.X_FORWARDED_FOR, priorFor == null ? peer : priorFor + ", " + peer);
        upstream.add(HttpHeader.X_FORWARDED_PROTO, keptOr(trusted, client, HttpHeader.X_FORWARDED_PROTO.asString(), connectionNamed, proto));
        if (host != null) {
            upstream.add(HttpHeader.X_FORWARDED_HOST, keptOr(trusted, client, HttpHeader.X_FORWARDED_HOST.asString(), connectionNamed, host));
        }
        upstream.add(HttpHeader.X_FORWARDED_PORT, keptOr(trusted, client, HttpHeader.X_FORWARDED_PORT.asString(), connectionNamed, port));
        upstream.add(X_REAL_IP, keptOr(trusted, client, X_REAL_IP, connectionNamed, peer));
    }

    private static String keptOr(boolean trusted, HttpFields client, String name, List<String> connectionNamed, String value) {
        if (!trusted) {
            return value;
        }
        String prior = joinedValues(client, name, connectionNamed);
        return prior == null ? value : prior;
    }

    /** Returns every value of {@code name} joined with ", ", or null when absent or named in Connection. */
    private static String joinedValues(HttpFields fields, String name, List<String> connectionNamed) {
        if (connectionNamed != null && connectionNamed.contains(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        List<String> values = fields.getValuesList(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /** Builds one RFC 7239 element; IPv6 addresses and host values are quoted as section 6 requires. */
    static String forwardedElement(SocketAddress peerAddress, String peer, String proto, String host) {
        StringBuilder element = new StringBuilder(64).append("for=");
        boolean ipv6 = peerAddress instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address;
        if (ipv6) {
            element.append("\"[").append(peer).append("]\"");
        } else {
            element.append(peer);
        }
        if (host != null) {
            element.append(";host=\"").append(host.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        element.append(";proto=").append(proto);
        return element.toString();
    }

    /** Compares names without lower-casing them, so unknown headers cost no allocation. */
    private static boolean isGatewayOrProxyHeader(String name) {
        return startsWithIgnoreCase(name, "proxy-") || name.equalsIgnoreCase(X_REAL_IP)
                || name.equalsIgnoreCase(RequestIds.HEADER);
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
