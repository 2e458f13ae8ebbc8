package dev.tollgate.runtime.routing;

import dev.tollgate.model.config.Rewrite;
import dev.tollgate.model.validation.PathPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A route's compiled {@link Rewrite}: how the normalised client path becomes the path sent
 * upstream, and back for {@code Location} headers. Works on percent-encoded text throughout, so
 * nothing is decoded or encoded twice.
 */
sealed interface PathRewrite {

    /**
     * Builds the gateway-to-upstream path. It is never empty, and it has no {@code //} unless the
     * template text contains one.
     */
    String apply(String normalizedPath, Map<String, String> pathParameters, String remainder);

    /** Maps an upstream path back to the client's path space; returns null when it lies outside. */
    String restore(String upstreamPath);

    /** Compiles a route's rewrite. The route's {@code pathPatterns} are needed to invert a template. */
    static PathRewrite compile(Rewrite rewrite, List<String> pathPatterns) {
        if (rewrite == null) {
            return null;
        }
        if (rewrite.stripPrefix() != null) {
            return new PrefixRewrite(trimPrefix(rewrite.stripPrefix()), "");
        }
        if (rewrite.replacePrefix() != null) {
            return new PrefixRewrite(trimPrefix(rewrite.replacePrefix().from()), trimPrefix(rewrite.replacePrefix().to()));
        }
        if (rewrite.template() != null) {
            return TemplateRewrite.parse(rewrite.template(), pathPatterns);
        }
        return null;
    }

    /**
     * Canonicalises a prefix and drops its trailing slash, so the root {@code /} becomes the empty
     * string: a prefix then always ends just before a {@code /} or the end of the path.
     */
    private static String trimPrefix(String prefix) {
        String canonical = PathNormalizer.normalize(prefix);
        return canonical.endsWith("/") ? canonical.substring(0, canonical.length() - 1) : canonical;
    }

    /** True when {@code prefix} (trimmed) is a whole-segment prefix of {@code path}. */
    static boolean startsWithSegments(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** Joins a trimmed prefix and a rest that is empty or starts with {@code /}. */
    private static String join(String prefix, String rest) {
        if (prefix.isEmpty()) {
            return rest.isEmpty() ? "/" : rest;
        }
        return rest.isEmpty() ? prefix : prefix.concat(rest);
    }

    /**
     * Swaps the leading segments {@code from} for {@code to}. A {@code stripPrefix} rewrite is the
     * case {@code to = ""}. Both are trimmed by {@link #trimPrefix}.
     */
    record PrefixRewrite(String from, String to) implements PathRewrite {

        @Override
        public String apply(String normalizedPath, Map<String, String> pathParameters, String remainder) {
            if (!startsWithSegments(normalizedPath, from)) {
                // NOTE: only a route without path patterns gets here, because the config validator
                // requires the prefix to start every pattern. Such a path is sent unchanged.
                return normalizedPath;
            }
            return join(to, normalizedPath.substring(from.length()));
        }

        @Override
        public String restore(String upstreamPath) {
            if (!startsWithSegments(upstreamPath, to)) {
                return null;
            }
            return join(from, upstreamPath.substring(to.length()));
        }
    }

    /** Builds the path from literal text, {@code {name}} parameters and the {@code {**}} remainder. */
    record TemplateRewrite(String template, List<Part> parts, TemplateInverse inverse) implements PathRewrite {

        sealed interface Part {}

        record Literal(String text) implements Part {}

        record Parameter(String name) implements Part {}

        record Remainder() implements Part {}

        static TemplateRewrite parse(String template, List<String> pathPatterns) {
            List<Part> parts = new ArrayList<>();
            int literalStart = 0;
            int i = 0;
            while (i < template.length()) {
                int close = template.charAt(i) == '{' ? template.indexOf('}', i) : -1;
                if (close < 0) {
                    i++;
                    continue;
                }
                if (i > literalStart) {
                    parts.add(new Literal(PathNormalizer.canonicalEncoding(template.substring(literalStart, i))));
                }
                String name = template.substring(i + 1, close);
                parts.add(name.equals(PathPatterns.CATCH_ALL) ? new Remainder() : new Parameter(name));
                i = close + 1;
                literalStart = i;
            }
            if (literalStart < template.length()) {
                parts.add(new Literal(PathNormalizer.canonicalEncoding(template.substring(literalStart))));
            }
            return new TemplateRewrite(template, List.copyOf(parts), TemplateInverse.of(template, pathPatterns));
        }

        @Override
        public String apply(String normalizedPath, Map<String, String> pathParameters, String remainder) {
            StringBuilder out = new StringBuilder(template.length() + remainder.length() + 16);
            for (int p = 0; p < parts.size(); p++) {
                switch (parts.get(p)) {
                    case Literal literal -> out.append(literal.text());
                    case Parameter parameter -> {
                        String value = pathParameters.get(parameter.name());
                        if (value != null) {
                            out.append(value);
                        }
                    }
                    case Remainder ignored -> appendRemainder(out, remainder, p == parts.size() - 1);
                }
            }
            return out.isEmpty() ? "/" : out.toString();
        }

        /**
         * Appends the catch-all remainder ({@code ""}, {@code "/"} or {@code "/x/y"}) so that
         * {@code /v2/{**}} and {@code /v2{**}} both give {@code /v2/x/y}: a slash already written
         * before {@code {**}} absorbs the remainder's leading slash, and when nothing remains at
         * the end of the template that slash is dropped ({@code /v2}, not {@code /v2/}).
         */
        private static void appendRemainder(StringBuilder out, String remainder, boolean lastPart) {
            boolean slashWritten = !out.isEmpty() && out.charAt(out.length() - 1) == '/';
            if (!slashWritten) {
                out.append(remainder);
            } else if (!remainder.isEmpty()) {
                out.append(remainder, 1, remainder.length());
            } else if (lastPart && out.length() > 1) {
                out.setLength(out.length() - 1);
            }
        }

        @Override
        public String restore(String upstreamPath) {
            return inverse == null ? null : inverse.restore(upstreamPath);
        }
    }
}
