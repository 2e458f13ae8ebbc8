package dev.tollgate.runtime.proxy;

/**
 * Writes JSON string literals into a {@link StringBuilder}. The access log and problem bodies use
 * it instead of a JSON library so the request path creates no mapper objects.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code value} as a quoted JSON string, or {@code null} when it is null. */
    static StringBuilder appendString(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters and the line separators U+2028/U+2029 are escaped so one
                    // record stays on one line, whatever a client put into its request.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Appends {@code "name":} with a leading comma unless it is the first member. */
    static StringBuilder appendName(StringBuilder out, String name, boolean first) {
        if (!first) {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    private static boolean validSurrogate(String value, int index) {
        char c = value.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < value.length() && Character.isLowSurrogate(value.charAt(index + 1));
        }
        return index > 0 && Character.isHighSurrogate(value.charAt(index - 1));
    }
}
