package jp.horenso.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations of a running service, read from its own OpenAPI document ({@code /q/openapi?format=json}), so that
 * whatever walks them (the fuzzer) covers every endpoint there is, present and future, without a hand-kept list.
 */
public final class OpenApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A parameter of an operation ({@code in} is {@code path}, {@code query} or {@code header}). */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {}

    /** One operation: its method, path template, parameters and (JSON or other) request body. */
    public record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            JsonNode bodySchema,
            List<String> bodyMediaTypes,
            boolean bodyRequired,
            boolean secured,
            boolean answersPages) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        public boolean hasBody() {
            return !bodyMediaTypes.isEmpty();
        }

        public boolean hasJsonBody() {
            return bodyMediaTypes.stream().anyMatch(type -> type.contains("json"));
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    private OpenApiOperations(JsonNode document) {
        this.document = document;
        this.operations = read(document);
    }

    /** The document served by the service at {@code baseUri}. */
    public static OpenApiOperations of(URI baseUri) {
        // HTTP/1.1: the JDK client's default h2c upgrade can leave a request unanswered until the server's idle
        // time-out (30 min); and a request time-out, so a silent server fails the test instead of the build's clock.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(baseUri.resolve("/q/openapi?format=json"))
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no OpenAPI document at " + baseUri + ": " + response.statusCode());
            }
            return new OpenApiOperations(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static OpenApiOperations of(JsonNode document) {
        return new OpenApiOperations(document);
    }

    public List<Operation> operations() {
        return operations;
    }

    /** {@code schema} with a top-level {@code $ref} (and single-member {@code allOf}/{@code oneOf}) resolved. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 20 && current != null; hops++) {
            if (current.has("$ref")) {
                current = document.at(current.get("$ref").asText().substring(1));
            } else if (current.has("allOf") && current.get("allOf").size() >= 1 && !current.has("properties")) {
                current = current.get("allOf").get(0);
            } else if (current.has("oneOf") && current.get("oneOf").size() >= 1) {
                current = current.get("oneOf").get(0);
            } else if (current.has("anyOf") && current.get("anyOf").size() >= 1) {
                current = firstNotNull(current.get("anyOf"));
            } else {
                return current;
            }
        }
        return current == null ? JSON.createObjectNode() : current;
    }

    /** The schema's type ({@code string}, {@code object}, …), ignoring a {@code "null"} member of a type list. */
    public static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode member : type) {
                if (!"null".equals(member.asText())) {
                    return member.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        if (schema.has("enum")) {
            return "string";
        }
        return "";
    }

    private static JsonNode firstNotNull(JsonNode members) {
        for (JsonNode member : members) {
            if (!"null".equals(member.path("type").asText())) {
                return member;
            }
        }
        return members.get(0);
    }

    private List<Operation> read(JsonNode document) {
        List<Operation> found = new ArrayList<>();
        // smallrye-openapi names a security requirement on every operation that needs a caller (@RolesAllowed,
        // @Authenticated); an operation without one is public (@PermitAll). A document naming none at all says
        // nothing, and then every operation is taken to need a caller.
        boolean documentSecured =
                document.has("security") || document.path("paths").toString().contains("\"security\"");
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(op.path("parameters")));
                JsonNode body = op.path("requestBody");
                if (body.has("$ref")) {
                    body = resolve(body);
                }
                List<String> mediaTypes = new ArrayList<>();
                body.path("content").fieldNames().forEachRemaining(mediaTypes::add);
                JsonNode bodySchema = null;
                for (String mediaType : mediaTypes) {
                    if (mediaType.contains("json")) {
                        bodySchema = body.path("content").path(mediaType).path("schema");
                    }
                }
                if (bodySchema == null && !mediaTypes.isEmpty()) {
                    bodySchema = body.path("content").path(mediaTypes.get(0)).path("schema");
                }
                found.add(new Operation(
                        method.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(),
                        List.copyOf(parameters),
                        bodySchema,
                        List.copyOf(mediaTypes),
                        body.path("required").asBoolean(false),
                        secured(op, documentSecured),
                        answersPages(op)));
            }
        }
        return List.copyOf(found);
    }

    /** Whether the operation answers only HTML pages (a page for people, e.g. a link opened from a mail). */
    private static boolean answersPages(JsonNode op) {
        List<String> types = new ArrayList<>();
        op.path("responses")
                .forEach(response -> response.path("content").fieldNames().forEachRemaining(types::add));
        return !types.isEmpty() && types.stream().allMatch(type -> type.startsWith("text/html"));
    }

    private boolean secured(JsonNode op, boolean documentSecured) {
        if (!documentSecured) {
            return true;
        }
        JsonNode security = op.has("security") ? op.get("security") : document.path("security");
        return security.isArray() && security.size() > 0;
    }

    private List<Parameter> parameters(JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : list) {
            JsonNode p = parameter.has("$ref") ? resolve(parameter) : parameter;
            parameters.add(new Parameter(
                    p.path("name").asText(),
                    p.path("in").asText(),
                    p.path("required").asBoolean(false),
                    resolve(p.path("schema"))));
        }
        return parameters;
    }
}
