package dev.tollgate.runtime.routing;

import dev.tollgate.model.validation.PathPatterns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a path produced by a template rewrite back to the client's path, for {@code Location}
 * headers. This works when every {@code {name}} in the template fills a whole segment and
 * {@code {**}} comes last. The client path is then built from the first path pattern of the route
 * whose parameters the template all carries: {@code /v2/orders/{id}} on {@code /api/orders/{id}}
 * maps {@code /v2/orders/7} back to {@code /api/orders/7}.
 */
final class TemplateInverse {

    private static final String REMAINDER = "{" + PathPatterns.CATCH_ALL + "}";

    /** Literal text of each template segment, or null where the segment is a parameter. */
    private final String[] templateLiterals;
    private final String[] templateNames;
    private final boolean templateRemainder;
    private final String[] clientLiterals;
    private final String[] clientNames;
    private final boolean clientCatchAll;

    private TemplateInverse(Segments template, Segments client) {
        this.templateLiterals = template.literals;
        this.templateNames = template.names;
        this.templateRemainder = template.catchAll;
        this.clientLiterals = client.literals;
        this.clientNames = client.names;
        this.clientCatchAll = client.catchAll;
    }

    /**
     * Prepares the inverse of {@code template} for a route with these path patterns.
     *
     * @return null when the template cannot be inverted or no pattern fits it
     */
    static TemplateInverse of(String template, List<String> clientPatterns) {
        Segments upstream = parseTemplate(template);
        if (upstream == null) {
            return null;
        }
        Set<String> carried = Set.of(upstream.definedNames());
        List<String> patterns = clientPatterns.isEmpty() ? List.of("/" + PathPatterns.CATCH_ALL) : clientPatterns;
        for (String pattern : patterns) {
            Segments client = parsePattern(pattern);
            boolean remainderKept = !client.catchAll || upstream.catchAll;
            if (remainderKept && carried.containsAll(List.of(client.definedNames()))) {
                return new TemplateInverse(upstream, client);
            }
        }
        return null;
    }

    /** Returns the client path for {@code upstreamPath}, or null when the template did not produce it. */
    String restore(String upstreamPath) {
        boolean trailingSlash = !templateRemainder && upstreamPath.length() > 1 && upstreamPath.endsWith("/");
        boolean root = !templateRemainder && upstreamPath.equals("/");
        String path = trailingSlash || root ? upstreamPath.substring(0, upstreamPath.length() - 1) : upstreamPath;

        Map<String, String> captured = new HashMap<>();
        int position = 0;
        for (int i = 0; i < templateLiterals.length; i++) {
            if (position >= path.length() || path.charAt(position) != '/') {
                return null;
            }
            int segmentEnd = path.indexOf('/', position + 1);
            if (segmentEnd < 0) {
                segmentEnd = path.length();
            }
            String segment = path.substring(position + 1, segmentEnd);
            if (templateLiterals[i] != null ? !templateLiterals[i].equals(segment) : segment.isEmpty()) {
                return null;
            }
            if (templateNames[i] != null) {
                captured.put(templateNames[i], segment);
            }
            position = segmentEnd;
        }
        String remainder = path.substring(position);
        if (!remainder.isEmpty() && (!templateRemainder || !clientCatchAll)) {
            return null;
        }

        StringBuilder client = new StringBuilder(upstreamPath.length() + 16);
        for (int i = 0; i < clientLiterals.length; i++) {
            client.append('/').append(clientLiterals[i] != null ? clientLiterals[i] : captured.get(clientNames[i]));
        }
        client.append(remainder);
        if (trailingSlash) {
            client.append('/');
        }
        return client.isEmpty() ? "/" : client.toString();
    }

    /** Splits a template into whole segments, or returns null when a placeholder is not a whole segment. */
    private static Segments parseTemplate(String template) {
        boolean remainder = template.endsWith(REMAINDER);
        String base = remainder ? template.substring(0, template.length() - REMAINDER.length()) : template;
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String segment : segmentsOf(base)) {
            boolean parameter = segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
            String name = parameter ? segment.substring(1, segment.length() - 1) : null;
            if (segment.contains("{") || segment.contains("}")) {
                if (!parameter || name.contains("{") || name.contains("}") || name.equals(PathPatterns.CATCH_ALL)) {
                    return null;
                }
            }
            literals.add(parameter ? null : PathNormalizer.canonicalEncoding(segment));
            names.add(name);
        }
        return new Segments(literals.toArray(String[]::new), names.toArray(String[]::new), remainder);
    }

    private static Segments parsePattern(String pattern) {
        List<String> segments = segmentsOf(pattern);
        boolean catchAll = !segments.isEmpty() && segments.getLast().equals(PathPatterns.CATCH_ALL);
        if (catchAll) {
            segments.removeLast();
        }
        String[] literals = new String[segments.size()];
        String[] names = new String[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                names[i] = segment.substring(1, segment.length() - 1);
            } else {
                literals[i] = PathNormalizer.normalize("/" + segment).substring(1);
            }
        }
        return new Segments(literals, names, catchAll);
    }

    /** Splits {@code /a/b/} into {@code [a, b]}, ignoring one trailing slash. The root has no segments. */
    private static List<String> segmentsOf(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.isEmpty()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(PathPatterns.segments(trimmed));
    }

    /**
     * A path split into segments.
     *
     * @param literals each segment's literal text, or null for a parameter
     * @param names each segment's parameter name, or null for a literal
     * @param catchAll whether a remainder ({@code **} or {@code {**}}) follows the segments
     */
    private record Segments(String[] literals, String[] names, boolean catchAll) {

        String[] definedNames() {
            return java.util.Arrays.stream(names).filter(java.util.Objects::nonNull).toArray(String[]::new);
        }
    }
}
