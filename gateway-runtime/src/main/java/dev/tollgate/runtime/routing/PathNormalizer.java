package dev.tollgate.runtime.routing;

import java.nio.charset.StandardCharsets;

/**
 * Brings a raw request path into the one form that routes and policies match against.
 *
 * <p>The rules, in the order they apply to each segment:
 *
 * <ol>
 *   <li>A percent-encoded unreserved character (RFC 3986 section 2.3: {@code ALPHA DIGIT - . _ ~})
 *       is decoded, so {@code /%7Euser} becomes {@code /~user}. Every other percent-encoded octet
 *       stays encoded with upper-case hex digits ({@code %2f} becomes {@code %2F}), so {@code %2F}
 *       and {@code %5C} never turn into separators.
 *   <li>A character that RFC 3986 does not allow in a path segment (space, {@code "}, {@code <},
 *       {@code >}, {@code \}, {@code ^}, {@code `}, braces, {@code |}, and any non-ASCII
 *       character) is percent-encoded as UTF-8, so a raw {@code \} and {@code %5C} normalise alike.
 *   <li>Empty segments are removed: {@code //a//b} becomes {@code /a/b}. One trailing slash is
 *       kept ({@code /a/} stays {@code /a/}) because the router and many upstreams give it meaning.
 *   <li>Dot segments are resolved as in RFC 3986 section 5.2.4, also when written as {@code %2E}:
 *       {@code /a/./b} and {@code /a/%2E/b} become {@code /a/b}, {@code /a/../b} becomes {@code /b},
 *       and {@code /a/..} becomes {@code /}. A {@code ..} that would climb above the root is
 *       rejected instead of being clamped.
 *   <li>A segment that an upstream decoding {@code %2F} or {@code %5C} as a separator would split
 *       into a dot segment is rejected: {@code /s/..%2Fadmin}, {@code /s/a%2F.}, {@code /s/a%5C..%5Cb}.
 *       The gateway forwards such a segment unchanged, so a rewrite that strips {@code /s} would
 *       otherwise let that upstream climb out of the stripped prefix. A {@code %2F} without a dot
 *       segment beside it, such as {@code /a%2Fb} or {@code /a%2F..b}, is accepted.
 * </ol>
 *
 * <p>Rejected with {@link BadPathException}: a path that is null or does not start with
 * {@code /}, a {@code %} not followed by two hex digits, a control character (U+0000 to U+001F
 * and U+007F) whether raw or percent-encoded, a path that climbs above the root, and a dot
 * segment next to an encoded separator.
 *
 * <p>A path that is already in normal form is returned as the same instance without copying.
 */
public final class PathNormalizer {

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();
    private static final int INITIAL_SEGMENT_DEPTH = 16;

    private PathNormalizer() {}

    /**
     * Normalises a raw request path without its query.
     *
     * @throws BadPathException when the path breaks one of the rules in the class comment
     */
    public static String normalize(String rawPath) throws BadPathException {
        if (rawPath == null || rawPath.isEmpty()) {
            throw new BadPathException("the request path is empty, but it must start with \"/\"");
        }
        if (rawPath.charAt(0) != '/') {
            throw new BadPathException("the request path must start with \"/\"");
        }
        if (isNormal(rawPath)) {
            return rawPath;
        }
        return rewrite(rawPath);
    }

    /**
     * Canonicalises the encoding of a literal path fragment from the configuration, such as the
     * text of a rewrite template, without touching its segments: unreserved characters are
     * decoded, other escapes get upper-case hex, characters not allowed in a path are encoded.
     *
     * @throws BadPathException when the fragment has a bad escape or a control character
     */
    static String canonicalEncoding(String fragment) {
        StringBuilder out = new StringBuilder(fragment.length() + 8);
        int i = 0;
        while (i < fragment.length()) {
            i = appendCanonical(fragment, i, out);
        }
        return out.toString();
    }

    /** Checks, without allocating, whether {@link #rewrite} would return an equal string. */
    private static boolean isNormal(String path) {
        int segmentStart = 1;
        int length = path.length();
        for (int i = 1; i <= length; i++) {
            if (i == length || path.charAt(i) == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0 && i != length) {
                    return false;
                }
                if (isDotSegment(path, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
                continue;
            }
            char c = path.charAt(i);
            if (c == '%' || !isPathChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static String rewrite(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        // segmentOffsets[k] is the offset in out of the '/' that starts the k-th kept segment.
        int[] segmentOffsets = new int[INITIAL_SEGMENT_DEPTH];
        int depth = 0;
        int i = 1;
        int length = path.length();
        while (true) {
            int segmentOffset = out.length();
            out.append('/');
            while (i < length && path.charAt(i) != '/') {
                i = appendCanonical(path, i, out);
            }
            boolean last = i >= length;
            int segmentLength = out.length() - segmentOffset - 1;

            if (segmentLength == 0) {
                if (!last) {
                    out.setLength(segmentOffset);
                }
            } else if (isDotSegment(out, segmentOffset + 1, out.length())) {
                boolean parent = segmentLength == 2;
                out.setLength(segmentOffset);
                if (parent) {
                    if (depth == 0) {
                        throw new BadPathException("the path climbs above the root with \"..\"");
                    }
                    depth--;
                    out.setLength(segmentOffsets[depth]);
                }
                if (last) {
                    out.append('/');
                }
            } else {
                rejectDotSegmentBesideEncodedSeparator(out, segmentOffset + 1, out.length());
                if (depth == segmentOffsets.length) {
                    segmentOffsets = java.util.Arrays.copyOf(segmentOffsets, depth * 2);
                }
                segmentOffsets[depth++] = segmentOffset;
            }

            if (last) {
                break;
            }
            i++;
        }
        return out.toString();
    }

    /** Appends the canonical form of the character or escape at {@code i} and returns the index after it. */
    private static int appendCanonical(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        if (c == '%') {
            int value = escapedOctet(text, i);
            if (value < 0x20 || value == 0x7F) {
                throw new BadPathException("the path contains the encoded control character %"
                        + HEX_DIGITS[value >> 4] + HEX_DIGITS[value & 0xF] + " at index " + i);
            }
            if (isUnreserved((char) value)) {
                out.append((char) value);
            } else {
                appendEscape(value, out);
            }
            return i + 3;
        }
        if (c < 0x20 || c == 0x7F) {
            throw new BadPathException("the path contains the control character U+"
                    + String.format("%04X", (int) c) + " at index " + i);
        }
        if (isPathChar(c) || c == '/') {
            out.append(c);
            return i + 1;
        }
        int codePoint = text.codePointAt(i);
        int charCount = Character.charCount(codePoint);
        for (byte b : text.substring(i, i + charCount).getBytes(StandardCharsets.UTF_8)) {
            appendEscape(b & 0xFF, out);
        }
        return i + charCount;
    }

    private static int escapedOctet(String text, int i) {
        if (i + 2 >= text.length()) {
            throw new BadPathException("the path has an incomplete percent-encoding at index " + i
                    + ": \"%\" must be followed by two hex digits");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0 || text.charAt(i + 1) > 0x7F || text.charAt(i + 2) > 0x7F) {
            throw new BadPathException("the path has an invalid percent-encoding at index " + i
                    + ": \"%\" must be followed by two hex digits");
        }
        return high << 4 | low;
    }

    private static void appendEscape(int octet, StringBuilder out) {
        out.append('%').append(HEX_DIGITS[octet >> 4]).append(HEX_DIGITS[octet & 0xF]);
    }

    /**
     * Rejects a segment, already in canonical encoding, that splits into a {@code .} or {@code ..}
     * part when {@code %2F} and {@code %5C} are read as separators.
     */
    private static void rejectDotSegmentBesideEncodedSeparator(CharSequence segment, int start, int end) {
        int partStart = start;
        boolean split = false;
        for (int i = start; i + 2 < end; i++) {
            if (segment.charAt(i) == '%' && isEncodedSeparator(segment.charAt(i + 1), segment.charAt(i + 2))) {
                split = true;
                if (isDotSegment(segment, partStart, i)) {
                    throw dotBesideEncodedSeparator(segment, start, end);
                }
                partStart = i + 3;
                i += 2;
            }
        }
        if (split && isDotSegment(segment, partStart, end)) {
            throw dotBesideEncodedSeparator(segment, start, end);
        }
    }

    private static boolean isEncodedSeparator(char high, char low) {
        return (high == '2' && low == 'F') || (high == '5' && low == 'C');
    }

    private static BadPathException dotBesideEncodedSeparator(CharSequence segment, int start, int end) {
        return new BadPathException("the path has a dot segment \"" + segment.subSequence(start, end)
                + "\" next to an encoded separator (%2F or %5C); an upstream that decodes it could climb out of"
                + " the routed prefix, so send the path without the encoded separator or without the dot segment");
    }

    private static boolean isDotSegment(CharSequence text, int start, int end) {
        int length = end - start;
        return (length == 1 && text.charAt(start) == '.')
                || (length == 2 && text.charAt(start) == '.' && text.charAt(start + 1) == '.');
    }

    /** RFC 3986 section 2.3: {@code ALPHA / DIGIT / "-" / "." / "_" / "~"}. */
    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 section 3.3 {@code pchar} without {@code pct-encoded}. */
    private static boolean isPathChar(char c) {
        if (isUnreserved(c)) {
            return true;
        }
        return switch (c) {
            case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@' -> true;
            default -> false;
        };
    }
}
