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
        field = field == null ? "" : field;
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
