package dev.tollgate.model.validation;

/**
 * One problem with a document.
 *
 * @param field path of the offending value, for example {@code routes[1].upstream}; empty for the
 *     document as a whole
 * @param message what is wrong and how to fix it
 */
public record Violation(String field, String message) {

    public Violation {
        field = escapeControlCharacters(field == null ? "" : field);
        message = escapeControlCharacters(message);
    }

    /**
     * Replaces control characters and the Unicode line separators U+2028 and U+2029 with Java-style
     * escapes, so a line feed becomes the six characters backslash, u, 000A. Messages quote ids,
     * hosts and other values from the document, and they end up in log lines and on terminals,
     * where a raw CR, LF or ESC could forge a line or an escape sequence.
     */
    private static String escapeControlCharacters(String text) {
        if (text == null || text.chars().noneMatch(Violation::isControl)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                escaped.append("\\u%04X".formatted((int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029;
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
