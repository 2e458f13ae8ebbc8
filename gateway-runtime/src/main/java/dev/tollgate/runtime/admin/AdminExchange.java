package dev.tollgate.runtime.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.model.api.AdminPaths;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.Problem;
import dev.tollgate.model.json.ConfigMapper;
import dev.tollgate.runtime.store.ConfigStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One admin request in flight: the Jetty objects, the caller and what the route extracted. */
final class AdminExchange {

    static final String JSON = "application/json";
    static final String YAML = "application/yaml";
    private static final Pattern ASCII_DIGITS = Pattern.compile("-?[0-9]{1,19}");

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String requestId;
    private final String peerAddress;
    private final long maxBodyBytes;
    private Map<String, String> pathParameters = Map.of();
    private Fields queryParameters;
    private AdminToken caller;
    private boolean sent;
    private boolean bodyConsumed;

    AdminExchange(Request request, Response response, Callback callback, String requestId, long maxBodyBytes) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.requestId = requestId;
        this.peerAddress = Request.getRemoteAddr(request);
        this.maxBodyBytes = maxBodyBytes;
    }

    Request request() {
        return request;
    }

    Response response() {
        return response;
    }

    Callback callback() {
        return callback;
    }

    String requestId() {
        return requestId;
    }

    String peerAddress() {
        return peerAddress;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return Request.getPathInContext(request);
    }

    AdminToken caller() {
        return caller;
    }

    void caller(AdminToken token) {
        this.caller = token;
    }

    void pathParameters(Map<String, String> parameters) {
        this.pathParameters = Map.copyOf(parameters);
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    long pathParameterAsLong(String name) {
        String value = pathParameter(name);
        // Long.parseLong also accepts a leading '+' and non-ASCII digits such as U+0967.
        if (value == null || !ASCII_DIGITS.matcher(value).matches()) {
            throw notWholeNumber(name, value);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw notWholeNumber(name, value);
        }
    }

    private static ApiException notWholeNumber(String name, String value) {
        return ApiException.badRequest("path parameter " + name + " must be a whole number, was \"" + value + "\"");
    }

    String queryParameter(String name) {
        if (queryParameters == null) {
            queryParameters = Request.extractQueryParameters(request);
        }
        return queryParameters.getValue(name);
    }

    /** Returns a numeric query parameter, {@code fallback} when absent, or fails with 400 when out of range. */
    long queryParameterAsLong(String name, long fallback, long min, long max) {
        String value = queryParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            if (!ASCII_DIGITS.matcher(value.strip()).matches()) {
                throw new NumberFormatException("not ASCII digits");
            }
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a whole number, was \"" + value + "\"");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("query parameter " + name + " must be between " + min + " and " + max
                    + ", was " + parsed);
        }
        return parsed;
    }

    String header(HttpHeader header) {
        return request.getHeaders().get(header);
    }

    int headerCount(HttpHeader header) {
        return request.getHeaders().getFields(header).size();
    }

    /** The change record for a mutation made by this exchange's caller. */
    ConfigStore.Change change(String action, String target) {
        return new ConfigStore.Change(caller.id(), action, target, peerAddress);
    }

    /** True when the client asked for YAML in {@code Accept}. */
    boolean acceptsYamlFirst() {
        String accept = header(HttpHeader.ACCEPT);
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int yaml = indexOfYaml(lower);
        int json = lower.indexOf("json");
        return yaml >= 0 && (json < 0 || yaml < json);
    }

    private static int indexOfYaml(String accept) {
        int yaml = accept.indexOf("yaml");
        int yml = accept.indexOf("yml");
        if (yaml < 0) {
            return yml;
        }
        return yml < 0 ? yaml : Math.min(yaml, yml);
    }

    /** Returns the body's format from {@code Content-Type}, failing with 415 for anything but JSON or YAML. */
    BodyFormat bodyFormat(boolean yamlAllowed) {
        String contentType = header(HttpHeader.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals(JSON) || mediaType.endsWith("+json")) {
            return BodyFormat.JSON;
        }
        if (yamlAllowed && (mediaType.equals(YAML) || mediaType.equals("application/x-yaml")
                || mediaType.equals("text/yaml") || mediaType.equals("text/x-yaml"))) {
            return BodyFormat.YAML;
        }
        String expected = yamlAllowed ? JSON + " or " + YAML : JSON;
        throw new ApiException(415, "Unsupported Media Type", "Content-Type must be " + expected + ", was "
                + (contentType == null ? "missing" : "\"" + contentType + "\""));
    }

    enum BodyFormat { JSON, YAML }

    /** Reads the body as UTF-8 text, failing with 413 when it exceeds the limit. */
    String bodyText() {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream input = Request.asInputStream(request)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            for (int read; (read = input.read(chunk)) >= 0; ) {
                total += read;
                if (total > maxBodyBytes) {
                    throw tooLarge("more than " + maxBodyBytes + " bytes");
                }
                buffer.write(chunk, 0, read);
            }
            bodyConsumed = true;
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Jetty reports a broken chunked encoding or a body cut short as an early EOF, which is
            // the client's mistake, so it gets 400 rather than 500.
            throw ApiException.badRequest("the request body cannot be read (" + e.getMessage()
                    + "); send a complete body with a correct Content-Length or chunked encoding");
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "Content Too Large", "the request body has " + size + "; the limit is "
                + maxBodyBytes + " bytes");
    }

    /**
     * Parses the If-Match header.
     *
     * @return the revision the client expects, {@code currentRevision} for {@code *}, or empty when
     *     the header is absent
     * @throws ApiException 412 when the header names no current revision
     */
    OptionalLong ifMatch(long currentRevision) {
        String value = header(HttpHeader.IF_MATCH);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.strip().equals("*")) {
            return OptionalLong.of(currentRevision);
        }
        String current = AdminPaths.etag(currentRevision);
        for (String tag : value.split(",")) {
            if (tag.strip().equals(current)) {
                return OptionalLong.of(currentRevision);
            }
        }
        throw ApiException.preconditionFailed("If-Match " + value.strip() + " does not match the current revision "
                + current + ifMatchHint(value), currentRevision);
    }

    /**
     * Explains a common If-Match mistake, a weak tag, which never matches (RFC 9110 section 13.1.1), or a
     * tag without quotes. Otherwise the revision really is stale, so the hint asks for a reload.
     */
    private static String ifMatchHint(String value) {
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            return " (a weak entity tag never matches If-Match; send the strong form, e.g. If-Match: "
                    + tag.substring(2) + "); reload and apply the change again";
        }
        if (ASCII_DIGITS.matcher(tag).matches()) {
            return " (entity tags are quoted; send If-Match: \"" + tag + "\")";
        }
        return "; reload and apply the change again";
    }

    void sendJson(int status, Object body) {
        byte[] bytes;
        try {
            bytes = ConfigMapper.json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        send(status, JSON, bytes);
    }

    void sendText(int status, String contentType, String text) {
        send(status, contentType + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    void sendProblem(Problem problem) {
        closeIfBodyUnread();
        byte[] bytes;
        try {
            bytes = ConfigMapper.json().writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem as JSON", e);
        }
        send(problem.status(), Problem.MEDIA_TYPE, bytes);
    }

    /**
     * Announces {@code Connection: close} on an HTTP/1.x error response sent before the request body
     * was read. Jetty closes such a connection after the response because the rest of the body cannot
     * be skipped safely, and without the header a keep-alive client would reuse the closed connection.
     */
    private void closeIfBodyUnread() {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        boolean http1 = request.getConnectionMetaData().getHttpVersion().getVersion() < 20;
        if (hasBody && !bodyConsumed && http1) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Sets {@code ETag} and {@code Tollgate-Revision} for a response that describes {@code revision}. */
    void setRevisionHeaders(long revision) {
        response.getHeaders().put(HttpHeader.ETAG, AdminPaths.etag(revision));
        response.getHeaders().put(AdminPaths.REVISION_HEADER, Long.toString(revision));
    }

    boolean isSent() {
        return sent;
    }

    /** Marks the exchange as handled by a delegate that completes the callback itself. */
    void markDelegated() {
        sent = true;
    }

    private void send(int status, String contentType, byte[] bytes) {
        if (sent) {
            throw new IllegalStateException("response already sent for request " + requestId);
        }
        sent = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
