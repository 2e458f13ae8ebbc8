package dev.tollgate.model.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a document cannot be parsed or breaks a rule; carries every violation found. */
public class InvalidConfigException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidConfigException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidConfigException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.size() + (violations.size() == 1 ? " problem: " : " problems: ")
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
