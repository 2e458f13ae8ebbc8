package dev.tollgate.model.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Small checks shared by the validators. */
final class Rules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    // RFC 9110 section 5.6.2: token = 1*tchar
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST_LABELS = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private Rules() {}

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    static void requireId(String id, String field, List<Violation> violations) {
        if (isBlank(id)) {
            violations.add(new Violation(field, "is required: 1 to 64 letters, digits, '.', '_' or '-'"));
        } else if (!ID.matcher(id).matches()) {
            violations.add(new Violation(field, "\"" + id + "\" is not a valid id: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }

    static void positive(Long value, String field, List<Violation> violations) {
        if (value != null && value <= 0) {
            violations.add(new Violation(field, "must be greater than 0, was " + value));
        }
    }

    static void range(Number value, long min, long max, String field, List<Violation> violations) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            violations.add(new Violation(field, "must be between " + min + " and " + max + ", was " + value));
        }
    }

    static String targetUrlProblem(String url) {
        if (isBlank(url)) {
            return "is required, e.g. http://127.0.0.1:9001";
        }
        // A password in user info must not reach an error message, so every message quotes the
        // URL with its user info masked.
        String quotedUrl = "\"" + withoutUserInfo(url) + "\"";
        if (!url.contains("://")) {
            return quotedUrl + " has no scheme; add the scheme, e.g. http://" + withoutUserInfo(url);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return quotedUrl + " is not a valid URL: " + withoutUserInfo(e.getReason());
        }
        if (uri.getRawUserInfo() != null || !quotedUrl.equals("\"" + url + "\"")) {
            return quotedUrl + " must not contain user info (user:password@); remove it";
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return quotedUrl + " must use http or https";
        }
        if (uri.getHost() == null) {
            return quotedUrl + " has no host; write it as http://host:port";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return quotedUrl + " has the port " + uri.getPort() + "; use a port between 1 and 65535";
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return quotedUrl + " must not have a path; use the route's rewrite to change paths";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return quotedUrl + " must not have a query or fragment";
        }
        return null;
    }

    /** Masks everything between the scheme and the last '@' of a URL, where a password would be. */
    private static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int authority = url.indexOf("//");
        int schemeEnd = url.indexOf(':');
        int start = 0;
        if (authority >= 0 && authority < at) {
            start = authority + 2;
        } else if (schemeEnd >= 0 && schemeEnd < at) {
            start = schemeEnd + 1;
        }
        return url.substring(0, start) + "***" + url.substring(at);
    }

    static String hostPatternProblem(String host) {
        if (isBlank(host)) {
            return "must not be blank";
        }
        String labels = host.startsWith("*.") ? host.substring(2) : host;
        if (host.contains(":")) {
            return "\"" + host + "\" must not include a port; hosts are matched without it";
        }
        if (!HOST_LABELS.matcher(labels).matches()) {
            return "\"" + host + "\" is not a host name or a *.suffix wildcard";
        }
        return null;
    }

    static String cidrProblem(String cidr) {
        if (isBlank(cidr)) {
            return "must not be blank; write a CIDR block such as 10.0.0.0/8";
        }
        String[] parts = cidr.split("/", -1);
        if (parts.length > 2) {
            return "\"" + cidr + "\" is not a CIDR block such as 10.0.0.0/8";
        }
        boolean ipv6 = parts[0].contains(":");
        if (!ipv6 && !parts[0].matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return "\"" + cidr + "\" is not an IP address or CIDR block such as 10.0.0.0/8";
        }
        if (!ipv6) {
            for (String octet : parts[0].split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return "\"" + cidr + "\" has an octet above 255";
                }
            }
        } else if (!parts[0].matches("[0-9A-Fa-f:.]+")) {
            return "\"" + cidr + "\" is not an IPv6 address or CIDR block such as fd00::/8";
        }
        if (parts.length == 2) {
            int max = ipv6 ? 128 : 32;
            try {
                int bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > max) {
                    return "\"" + cidr + "\" has a prefix length outside 0.." + max;
                }
            } catch (NumberFormatException e) {
                return "\"" + cidr + "\" has a prefix length that is not a number";
            }
        }
        return null;
    }
}
