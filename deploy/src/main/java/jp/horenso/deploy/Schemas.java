package jp.horenso.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * JSON schemas by {@code apiVersion} and {@code kind}: Kubernetes' own (the "standalone-strict" schemas of one
 * Kubernetes version, where every object refuses a field it does not define) and the operators' CRDs, whose
 * {@code openAPIV3Schema} is turned into a JSON schema here ({@link #fromOpenApi}) — strict too: an object with
 * declared properties refuses others unless the CRD says {@code x-kubernetes-preserve-unknown-fields}. The API server
 * would drop such a field silently (pruning); here it is an error, so a misspelt field fails the build.
 *
 * <p>The CRDs' CEL rules ({@code x-kubernetes-validations}) are evaluated too ({@link CelRules}, with Google's
 * cel-java): each rule at its node with {@code self} bound to the object's value there, its {@code message} (or
 * {@code messageExpression}) and path in the problem. {@link #problems(JsonNode)} checks an object as it would be
 * created: transition rules (those that reference {@code oldSelf}, e.g. CloudNativePG's "is immutable") are skipped,
 * as the API server skips them on a create; {@link #problemsOnUpdate(JsonNode, JsonNode)} evaluates them against the
 * object replaced. A rule that does not compile fails {@link #load}. The Kubernetes schemas of built-in types carry
 * no CEL rules; the built-in types' validation that lives in the API server's Go code (e.g. a Deployment's selector
 * matching its template's labels) and the operators' admission webhooks are not run (deploy/README.md).
 */
public final class Schemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();

    private final Map<String, JsonSchema> byType = new TreeMap<>();
    private final Map<String, CelRules> rulesByType = new TreeMap<>();

    private Schemas() {}

    /**
     * Loads {@code dir/kubernetes/*.json} (Kubernetes schemas, each naming its group, version and kind in
     * {@code x-kubernetes-group-version-kind}) and {@code dir/crds/*.json} (CRDs, one object or a list).
     */
    public static Schemas load(Path dir) {
        Schemas schemas = new Schemas();
        JsonNode objectMeta = null;
        for (Path file : list(dir.resolve("kubernetes"))) {
            ObjectNode schema = (ObjectNode) Yaml.json(file);
            schema.remove("$schema");
            if (objectMeta == null) {
                objectMeta = schema.path("properties").path("metadata");
            }
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = (group.isEmpty() ? "" : group + "/")
                        + gvk.path("version").asText();
                schemas.byType.put(key(apiVersion, gvk.path("kind").asText()), FACTORY.getSchema(schema, CONFIG));
            }
        }
        for (Path file : list(dir.resolve("crds"))) {
            JsonNode crds = Yaml.json(file);
            for (JsonNode crd : crds.isArray() ? crds : List.of(crds)) {
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    JsonNode openApi = version.path("schema").path("openAPIV3Schema");
                    ObjectNode schema = fromOpenApi(openApi);
                    ObjectNode properties = (ObjectNode) schema.get("properties");
                    if (objectMeta != null) {
                        properties.set("metadata", objectMeta.deepCopy());
                    }
                    String apiVersion = group + "/" + version.path("name").asText();
                    properties.set(
                            "apiVersion",
                            NODES.objectNode().set("enum", NODES.arrayNode().add(apiVersion)));
                    properties.set(
                            "kind",
                            NODES.objectNode().set("enum", NODES.arrayNode().add(kind)));
                    addFieldsNewerThanTheCrd(dir, key(apiVersion, kind), schema);
                    schemas.byType.put(key(apiVersion, kind), FACTORY.getSchema(schema, CONFIG));
                    schemas.rulesByType.put(key(apiVersion, kind), CelRules.compile(key(apiVersion, kind), openApi));
                }
            }
        }
        return schemas;
    }

    /**
     * {@code dir/additions.json}: fields an operator's newer release accepts that the vendored CRD does not know yet,
     * each with the reason; added where the entry says ({@code at}, a JSON pointer into the converted schema).
     */
    private static void addFieldsNewerThanTheCrd(Path dir, String type, ObjectNode schema) {
        Path file = dir.resolve("additions.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (JsonNode addition : Yaml.json(file)) {
            if (addition.path("type").asText().equals(type)) {
                JsonNode at = schema.at(addition.path("at").asText());
                if (!at.isObject()) {
                    throw new IllegalStateException(
                            "additions.json: " + addition.path("at").asText() + " not in " + type);
                }
                ((ObjectNode) at).setAll((ObjectNode) addition.path("add"));
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    /** The types that have a schema, as "apiVersion kind". */
    public Set<String> types() {
        return byType.keySet();
    }

    /**
     * What is wrong with {@code object}, created as it is: empty when it is valid; "no schema" when its type is
     * unknown. Schema violations and broken CEL rules (transition rules skipped: nothing is replaced).
     */
    public List<String> problems(JsonNode object) {
        return problems(object, null);
    }

    /**
     * What is wrong with {@code object} replacing {@code old} (an update, as {@code kubectl apply} of a changed
     * manifest): as {@link #problems(JsonNode)}, and the CEL transition rules ({@code oldSelf}) too.
     */
    public List<String> problemsOnUpdate(JsonNode old, JsonNode object) {
        return problems(object, old);
    }

    private List<String> problems(JsonNode object, JsonNode old) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonSchema schema = byType.get(key(apiVersion, kind));
        String name = kind + " " + object.path("metadata").path("name").asText();
        if (schema == null) {
            return List.of(name + ": no schema for " + apiVersion + " " + kind);
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            problems.add(name + ": " + message.getMessage());
        }
        CelRules rules = rulesByType.get(key(apiVersion, kind));
        if (rules != null) {
            problems.addAll(rules.problems(name, object, old));
        }
        return problems;
    }

    /** How many CEL rules ({@code x-kubernetes-validations}) were compiled, by "apiVersion kind". */
    public Map<String, Integer> celRuleCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        rulesByType.forEach((type, rules) -> counts.put(type, rules.count()));
        return counts;
    }

    /**
     * A CRD's structural OpenAPI v3 schema as a draft-4 JSON schema: {@code nullable} becomes a "null" type,
     * {@code x-kubernetes-int-or-string} an integer-or-string, objects with properties refuse undeclared ones (unless
     * {@code x-kubernetes-preserve-unknown-fields}); other {@code x-kubernetes-*} keys are dropped. Inside
     * {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} (value constraints only, in a structural schema) no object
     * is made strict.
     */
    public static ObjectNode fromOpenApi(JsonNode openApi) {
        return convert(openApi, true);
    }

    private static ObjectNode convert(JsonNode node, boolean strict) {
        ObjectNode out = NODES.objectNode();
        boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean nullable = node.path("nullable").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), convert(p.getValue(), strict)));
                }
                case "items", "additionalProperties" -> {
                    if (value.isObject()) {
                        out.set(key, convert(value, strict));
                    } else {
                        out.set(key, value);
                    }
                }
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(key);
                    value.forEach(v -> list.add(convert(v, false)));
                }
                case "not" -> out.set(key, convert(value, false));
                case "nullable", "description", "example", "externalDocs" -> {}
                default -> {
                    if (!key.startsWith("x-kubernetes-")) {
                        out.set(key, value);
                    }
                }
            }
        }
        if (intOrString) {
            out.remove("type");
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (nullable && out.has("type") && out.get("type").isTextual()) {
            out.set("type", NODES.arrayNode().add(out.get("type").asText()).add("null"));
        }
        if (strict && !preserve && out.has("properties") && !out.has("additionalProperties")) {
            out.put("additionalProperties", false);
        }
        return out;
    }

    /** For tests: how many types of each API group are known. */
    Map<String, Integer> countByGroup() {
        Map<String, Integer> counts = new HashMap<>();
        byType.keySet().forEach(k -> counts.merge(Kustomize.group(k.split(" ")[0]), 1, Integer::sum));
        return counts;
    }
}
