package dev.tollgate.runtime.proxy;

/**
 * Rewrites upstream response headers that would point clients at the upstream instead of the
 * gateway: {@code Location} / {@code Content-Location} and the {@code Domain} of {@code Set-Cookie}.
 */
final class ResponseRewriter {

    private ResponseRewriter() {}

    /**
     * Rewrites an absolute URL that points at the exchange's target to the scheme and authority the
     * client used, and maps its path back through the route's rewrite. Relative URLs and URLs of
     * other hosts are returned unchanged.
     */
    static String rewriteLocation(ProxyExchange exchange, String location) {
        int schemeEnd = location.indexOf("://");
        if (schemeEnd <= 0) {
            return location;
        }
        String scheme = location.substring(0, schemeEnd);
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < location.length() && "/?#".indexOf(location.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        if (!pointsAtTarget(exchange, scheme, location.substring(authorityStart, authorityEnd))) {
            return location;
        }

        int pathEnd = authorityEnd;
        while (pathEnd < location.length() && "?#".indexOf(location.charAt(pathEnd)) < 0) {
            pathEnd++;
        }
        String upstreamPath = pathEnd == authorityEnd ? "/" : location.substring(authorityEnd, pathEnd);
        String clientPath = exchange.restoreClientPath(upstreamPath);
        String clientAuthority = exchange.clientAuthority();
        if (clientPath == null || clientAuthority == null) {
            // The path lies outside what the route rewrites, so no client path maps to it.
            return location;
        }
        return exchange.clientScheme() + "://" + clientAuthority + clientPath + location.substring(pathEnd);
    }

    /** Replaces the value of a {@code Domain} attribute with {@code clientHost}; other cookies pass unchanged. */
    static String rewriteCookieDomain(String setCookie, String clientHost) {
        if (clientHost == null) {
            return setCookie;
        }
        int attributeStart = setCookie.indexOf(';');
        while (attributeStart >= 0) {
            int nameStart = attributeStart + 1;
            while (nameStart < setCookie.length() && setCookie.charAt(nameStart) == ' ') {
                nameStart++;
            }
            int next = setCookie.indexOf(';', nameStart);
            int attributeEnd = next < 0 ? setCookie.length() : next;
            int equals = setCookie.indexOf('=', nameStart);
            if (equals > 0 && equals < attributeEnd
                    && setCookie.substring(nameStart, equals).trim().equalsIgnoreCase("Domain")) {
                return setCookie.substring(0, equals + 1) + clientHost + setCookie.substring(attributeEnd);
            }
            attributeStart = next;
        }
        return setCookie;
    }

    private static boolean pointsAtTarget(ProxyExchange exchange, String scheme, String authority) {
        var target = exchange.currentTarget();
        if (target == null || !scheme.equalsIgnoreCase(target.scheme())) {
            return false;
        }
        String host = authority;
        int port = defaultPort(scheme);
        int colon = authority.lastIndexOf(':');
        boolean bracketed = authority.endsWith("]");
        if (colon > 0 && !bracketed) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String targetHost = target.host();
        if (targetHost.startsWith("[") && targetHost.endsWith("]")) {
            targetHost = targetHost.substring(1, targetHost.length() - 1);
        }
        return port == target.port() && host.equalsIgnoreCase(targetHost);
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }
}
