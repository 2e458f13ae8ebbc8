package dev.tollgate.model.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of route path patterns: {@code /literal/{param}/**}. Literal segments are matched
 * after the request path has been normalised, {@code {name}} takes exactly one non-empty segment,
 * and {@code **} as the last segment takes any remainder, including none.
 */
public final class PathPatterns {

    public static final String CATCH_ALL = "**";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TEMPLATE_REFERENCE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*|\\*\\*)}");

    private PathPatterns() {}

    /** Returns why {@code pattern} is not a valid path pattern, or null when it is. */
    public static String problem(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            return "must start with \"/\", was " + (pattern == null ? "null" : "\"" + pattern + "\"");
        }
        String characters = characterProblem(pattern);
        if (characters != null) {
            return characters;
        }
        if (pattern.contains("?") || pattern.contains("#")) {
            return "must not contain a query or fragment; match query parameters with match.query";
        }
        List<String> segments = segments(pattern);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty() && !(i == segments.size() - 1)) {
                return "has an empty segment (\"//\") in \"" + pattern + "\"";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain dot segments, was \"" + pattern + "\"";
            }
            if (segment.equals(CATCH_ALL)) {
                if (i != segments.size() - 1) {
                    return "\"**\" is only allowed as the last segment, was \"" + pattern + "\"";
                }
                continue;
            }
            if (segment.contains("*")) {
                return "\"*\" is only allowed as the whole last segment \"**\", was \"" + pattern + "\"";
            }
            if (segment.startsWith("{") || segment.endsWith("}")) {
                Matcher matcher = PARAMETER.matcher(segment);
                if (!matcher.matches()) {
                    return "parameter segment \"" + segment + "\" must be {name} with a name of letters, digits and _";
                }
                if (!names.add(matcher.group(1))) {
                    return "declares the parameter {" + matcher.group(1) + "} twice";
                }
            } else if (segment.contains("{") || segment.contains("}")) {
                return "a parameter must take a whole segment, was \"" + segment + "\"";
            }
        }
        return null;
    }

    /**
     * Returns why {@code path} cannot be sent as an HTTP path, or null when it can: a control
     * character (U+0000 to U+001F or U+007F), raw or percent-encoded, or a '%' without two hex
     * digits. The runtime rejects the same characters in request paths. The message does not quote
     * the path, so a control character never reaches a log line.
     */
    public static String characterProblem(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "contains the control character U+%04X at index %d; remove it".formatted((int) c, i);
            }
            if (c != '%') {
                continue;
            }
            int high = i + 1 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
            int low = i + 2 < path.length() ? Character.digit(path.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                return "has a '%' at index " + i + " that is not followed by two hex digits; write a literal % as %25";
            }
            int decoded = high * 16 + low;
            if (decoded < 0x20 || decoded == 0x7F) {
                return "contains the encoded control character %%%02X at index %d; remove it".formatted(decoded, i);
            }
        }
        return null;
    }

    /** Splits {@code /a/b/} into {@code [a, b, ""]}; the root {@code /} has the single segment {@code ""}. */
    public static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                segments.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return segments;
    }

    public static Set<String> parameterNames(String pattern) {
        Set<String> names = new HashSet<>();
        Matcher matcher = PARAMETER.matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Names referenced by a rewrite template; {@code {**}} is the catch-all remainder and not listed. */
    public static Set<String> templateNames(String template) {
        Set<String> names = new HashSet<>();
        Matcher matcher = TEMPLATE_REFERENCE.matcher(template);
        while (matcher.find()) {
            if (!matcher.group(1).equals(CATCH_ALL)) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** True when {@code prefix}'s segments are the leading literal segments of {@code pattern}. */
    public static boolean startsWithSegments(String pattern, String prefix) {
        String trimmed = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.equals("/")) {
            return true;
        }
        if (!pattern.startsWith(trimmed)) {
            return false;
        }
        return pattern.length() == trimmed.length() || pattern.charAt(trimmed.length()) == '/';
    }
}
