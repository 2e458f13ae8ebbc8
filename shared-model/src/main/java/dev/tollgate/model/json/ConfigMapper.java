package dev.tollgate.model.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.validation.ConfigValidator;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes shared-model types as JSON and YAML with one strict configuration: unknown
 * fields, wrong types, duplicate keys and trailing content are errors that name the field.
 */
public final class ConfigMapper {

    /** Upper bound for one document, far above any real gateway config. */
    public static final int MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

    /**
     * How many times a document is read again without a value that could not be read. Each read
     * finds one such value; unknown fields are all found in the first read.
     */
    private static final int MAX_REREADS = 20;

    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    /** SnakeYAML's "expected X, but got Y" problem text. */
    private static final Pattern YAML_BUT_GOT = Pattern.compile("(expected .*?),? but got (.+)", Pattern.DOTALL);

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = readPlainNumbersAsText(configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())));

    private ConfigMapper() {}

    /** Returns the strict JSON mapper every Tollgate component uses for shared-model types. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Parses and validates a YAML document, or throws {@link InvalidConfigException} listing every problem. */
    public static GatewayConfig parseYaml(String yaml) {
        return parseValid(YAML, yaml);
    }

    /** Parses and validates a JSON document, or throws {@link InvalidConfigException} listing every problem. */
    public static GatewayConfig parseJson(String json) {
        return parseValid(JSON, json);
    }

    /**
     * Parses and validates a document with {@code mapper}, or throws {@link InvalidConfigException}
     * listing every read problem and every rule violation at once. Rule violations at or under a
     * field that could not be read are left out, because they follow from the read problem.
     */
    public static GatewayConfig parseValid(ObjectMapper mapper, String text) {
        PartialRead<GatewayConfig> read = readPartially(mapper, text, GatewayConfig.class);
        List<Violation> violations = new ArrayList<>(read.problems());
        for (Violation violation : ConfigValidator.validate(read.value())) {
            if (!read.explains(violation.field())) {
                violations.add(violation);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(violations);
        }
        return read.value();
    }

    /**
     * Parses without the semantic checks, for tools that want to show a half-finished edit. Throws
     * {@link InvalidConfigException} listing every read problem: unknown fields, wrong types and
     * invalid values; a syntax error is the only problem reported.
     */
    public static <T> T read(ObjectMapper mapper, String text, Class<T> type) {
        PartialRead<T> read = readPartially(mapper, text, type);
        if (!read.problems().isEmpty()) {
            throw new InvalidConfigException(read.problems());
        }
        return read.value();
    }

    /**
     * The value read from a document with the fields that could not be read left out, and those
     * fields' problems.
     *
     * @param skippedFields paths of the values left out
     */
    private record PartialRead<T>(T value, List<Violation> problems, Set<String> skippedFields) {

        /** True when {@code field} is at or under a field that could not be read. */
        boolean explains(String field) {
            for (Violation problem : problems) {
                if (isAtOrUnder(field, problem.field())) {
                    return true;
                }
            }
            for (String skipped : skippedFields) {
                if (isAtOrUnder(field, skipped)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isAtOrUnder(String field, String ancestor) {
            return field.equals(ancestor) || (!ancestor.isEmpty() && (field.startsWith(ancestor + ".") || field.startsWith(ancestor + "[")));
        }
    }

    /**
     * Reads {@code text}, collecting problems instead of stopping at the first. Unknown fields are
     * recorded and skipped in one pass. Any other field that cannot be read is recorded, and the
     * document is read again without it, up to {@link #MAX_REREADS} times. A syntax error ends the
     * read with that one problem.
     *
     * <p>NOTE: a list item that cannot be read as a whole ends the read with the problems found so
     * far, because leaving the item out would shift the index of every later item in the paths.
     */
    private static <T> PartialRead<T> readPartially(ObjectMapper mapper, String text, Class<T> type) {
        checkSize(text);
        List<Violation> valueProblems = new ArrayList<>();
        Set<String> skipped = new LinkedHashSet<>();
        for (int attempt = 0; ; attempt++) {
            UnknownFieldCollector unknownFields = new UnknownFieldCollector();
            try {
                T value = readOnce(mapper, text, type, skipped, unknownFields);
                List<Violation> problems = new ArrayList<>(unknownFields.problems);
                problems.addAll(valueProblems);
                return new PartialRead<>(value, problems, skipped);
            } catch (JsonMappingException e) {
                String field = fieldPath(e.getPath());
                boolean canSkip = !field.isEmpty() && !field.endsWith("]") && !skipped.contains(field)
                        && attempt < MAX_REREADS;
                valueProblems.add(toViolation(e));
                if (!canSkip) {
                    List<Violation> problems = new ArrayList<>(unknownFields.problems);
                    problems.addAll(valueProblems);
                    throw new InvalidConfigException(problems);
                }
                skipped.add(field);
            }
        }
    }

    private static void checkSize(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigException(new Violation("", "the document is empty; send at least {}"));
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidConfigException(new Violation("", "the document has " + text.length()
                    + " characters; the limit is " + MAX_DOCUMENT_CHARS));
        }
    }

    /**
     * Reads the document once, leaving out the values at {@code skipped} paths.
     *
     * @throws JsonMappingException for a value that cannot be read, which the caller may skip next time
     * @throws InvalidConfigException for a syntax error or another problem that ends the read
     */
    private static <T> T readOnce(ObjectMapper mapper, String text, Class<T> type, Set<String> skipped,
            UnknownFieldCollector unknownFields) throws JsonMappingException {
        try {
            rejectUnsupportedYaml(mapper, text);
            ObjectReader reader = mapper.readerFor(type).withHandler(unknownFields);
            T value;
            if (skipped.isEmpty()) {
                value = reader.readValue(text);
            } else {
                // Reading from a parser skips the trailing-content check. The document already has a
                // problem, so trailing content goes unreported but cannot let the document pass.
                try (JsonParser parser = mapper.getFactory().createParser(text)) {
                    value = reader.readValue(new FilteringParserDelegate(parser, new SkipPaths(skipped, ""),
                            TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true));
                }
            }
            if (value == null) {
                throw new InvalidConfigException(new Violation("", "the document is null; send at least {}"));
            }
            return value;
        } catch (JsonMappingException e) {
            if (e instanceof InvalidNullException || e.getPath().isEmpty()) {
                throw new InvalidConfigException(toViolation(e));
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(toViolation(e));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfigException(new Violation("", "invalid document: " + e.getMessage()));
        } catch (IOException e) {
            // Parsing a String does no I/O, so this is a parser failure of another kind.
            throw new InvalidConfigException(new Violation("", "malformed document: " + e.getMessage()));
        }
    }

    /** Records each unknown field with the message {@link #toViolation} gives it, and skips its value. */
    private static final class UnknownFieldCollector extends DeserializationProblemHandler {

        final List<Violation> problems = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            UnrecognizedPropertyException unknown = UnrecognizedPropertyException.from(parser, beanOrClass, propertyName,
                    deserializer.getKnownPropertyNames());
            Violation violation = toViolation(unknown);
            problems.add(new Violation(contextPath(parser.getParsingContext()), violation.message()));
            parser.skipChildren();
            return true;
        }
    }

    /** Leaves out the values at the given field paths, in the form {@link #fieldPath} uses. */
    private static final class SkipPaths extends TokenFilter {

        private final Set<String> skipped;
        private final String path;

        SkipPaths(Set<String> skipped, String path) {
            this.skipped = skipped;
            this.path = path;
        }

        @Override
        public TokenFilter includeProperty(String name) {
            return child(path.isEmpty() ? name : path + "." + name);
        }

        @Override
        public TokenFilter includeElement(int index) {
            return child(path + "[" + index + "]");
        }

        private TokenFilter child(String childPath) {
            if (skipped.contains(childPath)) {
                return null;
            }
            for (String field : skipped) {
                if (field.startsWith(childPath + ".") || field.startsWith(childPath + "[")) {
                    return new SkipPaths(skipped, childPath);
                }
            }
            return TokenFilter.INCLUDE_ALL;
        }

        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }

        @Override
        public boolean includeEmptyArray(boolean contentsFiltered) {
            return true;
        }
    }

    /**
     * Rejects YAML aliases ({@code *name}) and a second document after {@code ---}. Jackson reads an
     * alias as the anchor's name, so {@code upstream: *backend} would silently name the upstream
     * "backend" whatever the anchor contains. Rejecting aliases also rules out alias bombs.
     */
    private static void rejectUnsupportedYaml(ObjectMapper mapper, String text) throws IOException {
        if (!(mapper.getFactory() instanceof YAMLFactory)) {
            return;
        }
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            int rootValues = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new InvalidConfigException(new Violation(contextPath(parser.getParsingContext()),
                            "YAML aliases are not supported, found *" + parser.getText() + at(parser.currentLocation())
                                    + "; write the value out in full"));
                }
                if (startsRootValue(parser, token) && ++rootValues > 1) {
                    throw new InvalidConfigException(new Violation("", "the text contains more than one YAML document"
                            + at(parser.currentLocation()) + "; send the whole config as one document without ---"));
                }
            }
        }
    }

    /** True when {@code token} starts a value at the top level: the document itself. */
    private static boolean startsRootValue(JsonParser parser, JsonToken token) {
        JsonStreamContext context = parser.getParsingContext();
        if (token.isStructStart()) {
            // After START_OBJECT or START_ARRAY the context is already the new container's.
            return context.getParent() != null && context.getParent().inRoot();
        }
        return token.isScalarValue() && context.inRoot();
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Turns a Jackson failure into a violation naming the field path and the fix. */
    static Violation toViolation(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping.getPath()) : "";
        if (e instanceof StreamReadException read && read.getProcessor() instanceof JsonParser parser) {
            field = contextPath(parser.getParsingContext());
            String duplicate = "Duplicate field '";
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith(duplicate) && original.endsWith("'")) {
                String name = original.substring(duplicate.length(), original.length() - 1);
                return new Violation(field, "duplicate field \"" + name + "\"" + at(e.getLocation())
                        + "; a field may appear only once, so keep one of them");
            }
        }
        if (e instanceof InvalidNullException) {
            return new Violation(field, "must not be null; remove the empty item or give it a value");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return new Violation(field, "unknown field \"" + unknown.getPropertyName() + "\"; known fields here are "
                    + String.join(", ", known));
        }
        if (e instanceof InvalidFormatException format) {
            Throwable cause = format.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : "expected " + describeType(format.getTargetType());
            if ("".equals(format.getValue())) {
                return new Violation(field, "is empty: " + reason + "; remove the empty item or give it a value");
            }
            return new Violation(field, "invalid value " + quote(format.getValue()) + ": " + reason);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new Violation(field, "wrong type: expected " + describeType(mismatch.getTargetType()) + at(e.getLocation()));
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException cause) {
            return new Violation(field, cause.getMessage());
        }
        MarkedYAMLException yaml = markedYamlCause(e);
        if (yaml != null) {
            return new Violation(field, "malformed document" + describeYamlProblem(yaml));
        }
        return new Violation(field, "malformed document" + at(e.getLocation()) + ": " + withPlainLocations(e.getOriginalMessage()));
    }

    private static MarkedYAMLException markedYamlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    /**
     * Describes a SnakeYAML syntax error as " at line 7, column 34: expected ',' or ']' but found '}'":
     * the problem and where it is, without SnakeYAML's context snippet, whose line breaks would show
     * up escaped.
     */
    private static String describeYamlProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().strip();
        Matcher butGot = YAML_BUT_GOT.matcher(problem);
        if (butGot.matches()) {
            problem = butGot.group(1) + " but found '" + butGot.group(2) + "'";
        }
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        // SnakeYAML counts lines and columns from 0.
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return where + ": " + problem;
    }

    /** Rewrites Jackson's "[Source: REDACTED (...); line: 1, column: 1]" as "line 1, column 1". */
    private static String withPlainLocations(String message) {
        return message == null ? "" : JACKSON_LOCATION.matcher(message).replaceAll("line $1, column $2");
    }

    private static String fieldPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /** Returns the field path, in the form {@link #fieldPath} uses, of a parser's current position. */
    private static String contextPath(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            if (step.inArray()) {
                steps.add("[" + Math.max(step.getCurrentIndex(), 0) + "]");
            } else if (step.getCurrentName() != null) {
                steps.add("." + step.getCurrentName());
            }
        }
        Collections.reverse(steps);
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String describeType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a map of names to values";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(SerializationFeature.INDENT_OUTPUT, true);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // 1.5 for a whole number is a mistake, not 1.
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        // The records copy lists and maps with List.copyOf and Map.copyOf, which throw on a null item.
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1024 * 1024)
                .build());
        // "5000" is not a number and 5000 is not a string: a wrong type is a mistake worth reporting.
        // The YAML mapper then relaxes the second rule, see readPlainNumbersAsText.
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Lets a string field take a plain YAML scalar that looks like a number, as written. YAML needs
     * no quotes around strings, but the YAML 1.1 resolver reads {@code id: 012} as the octal number
     * 10 and {@code 0x1F} as 31. The string deserializer takes the scalar's source text, so
     * {@code 012} stays {@code "012"}. JSON keeps rejecting a number for a string field.
     */
    private static ObjectMapper readPlainNumbersAsText(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        return mapper;
    }
}
