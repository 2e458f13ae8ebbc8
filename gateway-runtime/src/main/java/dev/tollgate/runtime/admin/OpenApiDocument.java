package dev.tollgate.runtime.admin;

import dev.tollgate.model.api.AdminPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the OpenAPI 3.1 description of the admin API from the same route table the handler routes
 * by. Request and response bodies are described by schema name only; their fields are those of the
 * shared-model records of the same name.
 */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static Map<String, Object> build(List<AdminRoute> routes, String version) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of(
                "title", "Tollgate admin API",
                "version", version,
                "description", "Manages the gateway's config, revisions, admin tokens and audit log. Every "
                        + "endpoint except health needs Authorization: Bearer <admin token>."));
        document.put("security", List.of(Map.of("bearer", List.of())));
        document.put("paths", paths(routes));
        document.put("components", components());
        return document;
    }

    private static Map<String, Object> paths(List<AdminRoute> routes) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (AdminRoute route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.pathTemplate(),
                    key -> new LinkedHashMap<String, Object>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        return paths;
    }

    private static Map<String, Object> operation(AdminRoute route) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", route.operationId());
        operation.put("summary", route.summary());
        if (route.requiredRole() == null) {
            operation.put("security", List.of());
        } else {
            operation.put("x-required-role", route.requiredRole().wireName());
        }

        List<Map<String, Object>> parameters = parameters(route);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }

        if (route.requestBody() != null) {
            operation.put("requestBody", Map.of("required", true, "content", Map.of(
                    "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/" + route.requestBody())))));
        }
        operation.put("responses", responses(route));
        return operation;
    }

    private static List<Map<String, Object>> parameters(AdminRoute route) {
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String name : route.parameterNames()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true,
                    "schema", Map.of("type", name.equals("revision") ? "integer" : "string")));
        }
        if (isMutation(route)) {
            parameters.add(Map.of("name", "If-Match", "in", "header",
                    "required", route.operationId().equals("replaceConfig"),
                    "description", "ETag of the revision the change is based on; 412 when it is no longer current",
                    "schema", Map.of("type", "string")));
        }
        return parameters;
    }

    private static Map<String, Object> responses(AdminRoute route) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(Integer.toString(route.successStatus()), Map.of("description", "success"));
        if (route.requiredRole() != null) {
            responses.put("401", problem("missing, malformed, unknown or revoked token"));
            responses.put("403", problem("the token's role is too low"));
        }
        responses.put("default", problem("any other error, as RFC 9457 problem details"));
        return responses;
    }

    private static boolean isMutation(AdminRoute route) {
        return !route.method().equals("GET") && route.pathTemplate().startsWith(AdminPaths.BASE)
                && !route.pathTemplate().startsWith(AdminPaths.TOKENS)
                && !route.pathTemplate().equals(AdminPaths.CONFIG_VALIDATE);
    }

    private static Map<String, Object> problem(String description) {
        return Map.of("description", description, "content", Map.of(
                "application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    }

    private static Map<String, Object> components() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Problem", Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"),
                "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"),
                "detail", Map.of("type", "string"),
                "instance", Map.of("type", "string"),
                "requestId", Map.of("type", "string"),
                "currentRevision", Map.of("type", "integer"),
                "errors", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                        "field", Map.of("type", "string"), "message", Map.of("type", "string")))))));
        for (String name : List.of("GatewayConfig", "Route", "Upstream")) {
            schemas.put(name, Map.of("type", "object",
                    "description", "The shared-model record " + name + "; unknown fields are rejected"));
        }
        schemas.put("AdminTokenCreateRequest", Map.of("type", "object", "required", List.of("role"),
                "properties", Map.of(
                        "role", Map.of("type", "string", "enum", List.of("viewer", "operator", "admin")),
                        "description", Map.of("type", "string", "maxLength", TokenEndpoints.MAX_DESCRIPTION_CHARS))));
        return Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", schemas);
    }
}
