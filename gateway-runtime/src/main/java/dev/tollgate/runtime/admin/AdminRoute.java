package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the admin API's route table. The handler routes by it and the OpenAPI document is
 * generated from it, so the two cannot drift apart.
 *
 * @param method HTTP method, upper case
 * @param pathTemplate path with {@code {name}} segments, for example {@code /admin/v1/routes/{id}}
 * @param requiredRole the lowest role allowed, or null for an endpoint that needs no token
 * @param operationId the OpenAPI operation id
 * @param summary one line for the OpenAPI document
 * @param requestBody what the endpoint reads, or null when it reads no body
 * @param successStatus the status of a successful response
 */
record AdminRoute(
        String method, String pathTemplate, Role requiredRole, String operationId, String summary,
        String requestBody, int successStatus, Endpoint endpoint) {

    /** Serves one exchange; it must send a response or throw. */
    @FunctionalInterface
    interface Endpoint {
        void handle(AdminExchange exchange) throws Exception;
    }

    AdminRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!pathTemplate.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /, was " + pathTemplate);
        }
    }

    List<String> segments() {
        return List.of(pathTemplate.substring(1).split("/", -1));
    }

    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments()) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }

    /** Returns the path parameters when {@code pathSegments} match this template, or null. */
    Map<String, String> match(List<String> pathSegments) {
        List<String> template = segments();
        if (template.size() != pathSegments.size()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = pathSegments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return parameters;
    }
}
