package jp.horenso.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The CEL validation rules ({@code x-kubernetes-validations}) of one CRD version, compiled once, and evaluated on an
 * object the way the API server does:
 *
 * <ul>
 *   <li>at every schema node that carries rules, {@code self} is the object's value at that node (after the schema's
 *       {@code default}s are applied, as the API server defaults before it validates), typed as Kubernetes does:
 *       objects are maps, arrays lists, {@code integer} int64, {@code number} double, strings, booleans; values
 *       without a schema type ({@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields})
 *       by their JSON type. Array items and map ({@code additionalProperties}) values are visited one by one;
 *   <li>a rule that references {@code oldSelf} is a transition rule: the API server evaluates it on an update only
 *       (there is no old value on a create), and so does {@link #problems(String, JsonNode, JsonNode)}: with no old
 *       object it is skipped. On an update the old value is followed through object properties and map keys; items
 *       of arrays are not correlated here, so a transition rule inside an array item is skipped (Kubernetes
 *       correlates only {@code x-kubernetes-list-type: map} items anyway);
 *   <li>a rule that does not hold is reported at its path ({@code spec.fdws[0].usage[1].name}, plus the rule's
 *       {@code fieldPath}) with its {@code messageExpression}'s result, or else its {@code message}, or else "failed
 *       rule: …" as Kubernetes; a rule whose evaluation fails (e.g. {@code self.x} where x is absent) is reported as
 *       an evaluation error, as Kubernetes refuses such an object too.
 * </ul>
 *
 * A rule (or message expression) that does not compile is a {@link IllegalStateException} when the schemas load: a
 * vendoring mistake, or a rule using a Kubernetes CEL library function that cel-java lacks. {@code self} is declared
 * with the node's own type (map, list, int, double, string, bool or dyn), fields inside it are {@code dyn}: a rule
 * naming a field its schema does not declare compiles here and fails (with "no such key") only when evaluated, where
 * the API server would refuse it at CRD registration. Besides the CEL standard library and macros ({@code has},
 * {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}, {@code size}, {@code matches},
 * {@code startsWith}, …) the environment has cel-java's strings and sets extensions, which match the Kubernetes
 * ones; the Kubernetes-only libraries (lists' {@code isSorted}/{@code sum}/{@code indexOf}, regex {@code find}, {@code
 * url}, {@code quantity}, {@code ip}/{@code cidr}, {@code authz}, {@code format}) are not implemented: none of the
 * vendored rules uses them, and one that did would fail to compile here, saying which function. Strings with a
 * {@code format} (date-time, duration, byte) stay strings. Cost budgets are not enforced.
 */
final class CelRules {

    private static final CelOptions OPTIONS = CelOptions.current().build();
    private static final Map<String, Cel> ENVIRONMENTS = new ConcurrentHashMap<>();

    private final String type;
    private final Node root;
    private final int count;

    private CelRules(String type, Node root, int count) {
        this.type = type;
        this.root = root;
        this.count = count;
    }

    /** A compiled rule of the schema node at {@code path} (a schema path, for messages when it does not compile). */
    private record Rule(
            String source,
            CelRuntime.Program program,
            boolean transition,
            String message,
            CelRuntime.Program messageExpression,
            String fieldPath) {}

    /** A schema node: its type (for the values handed to CEL), default, rules, and children. */
    private static final class Node {
        String type = "";
        boolean dynamic;
        boolean nullable;
        JsonNode defaultValue;
        final List<Rule> rules = new ArrayList<>();
        final Map<String, Node> properties = new LinkedHashMap<>();
        Node items;
        Node additionalProperties;
        /** Whether this node or one below it has a rule: the walk goes only where there is something to check. */
        boolean hasRules;
    }

    /**
     * Compiles the rules of a CRD version's {@code openAPIV3Schema}; {@code type} ("apiVersion kind") names it in
     * messages.
     *
     * @throws IllegalStateException when a rule or message expression does not compile, or uses what is not supported
     */
    static CelRules compile(String type, JsonNode openApiV3Schema) {
        int[] count = {0};
        Node root = node(type, openApiV3Schema, "", count);
        return new CelRules(type, root, count[0]);
    }

    /** How many rules were compiled. */
    int count() {
        return count;
    }

    private static Node node(String type, JsonNode schema, String path, int[] count) {
        Node node = new Node();
        node.type = schema.path("type").asText("");
        node.dynamic = schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || (node.type.isEmpty() && !schema.has("properties"));
        node.nullable = schema.path("nullable").asBoolean(false);
        node.defaultValue = schema.get("default");
        for (Iterator<Map.Entry<String, JsonNode>> fields =
                        schema.path("properties").fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Node child = node(type, field.getValue(), path + "." + field.getKey(), count);
            node.properties.put(field.getKey(), child);
            node.hasRules |= child.hasRules;
        }
        if (schema.path("items").isObject()) {
            node.items = node(type, schema.get("items"), path + "[*]", count);
            node.hasRules |= node.items.hasRules;
        }
        if (schema.path("additionalProperties").isObject()) {
            node.additionalProperties = node(type, schema.get("additionalProperties"), path + "[*]", count);
            node.hasRules |= node.additionalProperties.hasRules;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            node.rules.add(rule(type, path.isEmpty() ? "." : path, node, rule));
            count[0]++;
        }
        node.hasRules |= !node.rules.isEmpty();
        return node;
    }

    private static Rule rule(String type, String path, Node node, JsonNode rule) {
        String source = rule.path("rule").asText();
        if (rule.path("optionalOldSelf").asBoolean(false)) {
            throw new IllegalStateException(type + " " + path + ": rule '" + source
                    + "' has optionalOldSelf, which this check does not evaluate (a transition rule that also runs on"
                    + " create): add it to CelRules");
        }
        Cel cel = environment(selfType(node));
        CelAbstractSyntaxTree ast = compile(cel, type, path, source);
        boolean transition = references(ast, "oldSelf");
        CelRuntime.Program messageExpression = null;
        if (rule.hasNonNull("messageExpression")) {
            CelAbstractSyntaxTree message =
                    compile(cel, type, path, rule.get("messageExpression").asText());
            if (references(message, "oldSelf")) {
                throw new IllegalStateException(
                        type + " " + path + ": messageExpression of '" + source + "' references oldSelf");
            }
            messageExpression = program(cel, type, path, message);
        }
        return new Rule(
                source,
                program(cel, type, path, ast),
                transition,
                rule.path("message").asText(""),
                messageExpression,
                rule.path("fieldPath").asText(""));
    }

    private static CelAbstractSyntaxTree compile(Cel cel, String type, String path, String source) {
        try {
            return cel.compile(source).getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException(
                    type + " " + path + ": x-kubernetes-validations rule does not compile: " + source + "\n"
                            + e.getMessage()
                            + "\n(a vendoring mistake, or a Kubernetes CEL library function cel-java lacks — quantity,"
                            + " url, ip, cidr, isSorted, sum, find, authz, format: add it to CelRules)",
                    e);
        }
    }

    private static CelRuntime.Program program(Cel cel, String type, String path, CelAbstractSyntaxTree ast) {
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(type + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean references(CelAbstractSyntaxTree ast, String variable) {
        Stream<CelNavigableExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes();
        return nodes.map(CelNavigableExpr::expr)
                .anyMatch(e -> e.getKind() == CelExpr.ExprKind.Kind.IDENT
                        && e.ident().name().equals(variable));
    }

    /** The CEL type of {@code self} at a node, as Kubernetes derives it from the schema (its fields left dyn). */
    private static CelType selfType(Node node) {
        if (node.dynamic) {
            return SimpleType.DYN;
        }
        return switch (node.type) {
            case "object" -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case "array" -> ListType.create(SimpleType.DYN);
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "string" -> SimpleType.STRING;
            case "boolean" -> SimpleType.BOOL;
            default -> SimpleType.DYN;
        };
    }

    private static Cel environment(CelType self) {
        return ENVIRONMENTS.computeIfAbsent(
                self.toString(),
                n -> CelFactory.standardCelBuilder()
                        .setOptions(OPTIONS)
                        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                        .addVar("self", self)
                        .addVar("oldSelf", self)
                        .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
                        .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
                        .build());
    }

    /**
     * The rules {@code object} breaks, each as "kind name: path: message"; {@code old} is the object it replaces (an
     * update: transition rules are evaluated too) or null (a create: they are skipped).
     */
    List<String> problems(String name, JsonNode object, JsonNode old) {
        List<String> problems = new ArrayList<>();
        if (root.hasRules) {
            JsonNode defaulted = withDefaults(root, object.deepCopy());
            JsonNode oldDefaulted = old == null ? null : withDefaults(root, old.deepCopy());
            walk(root, defaulted, oldDefaulted, "", name, problems);
        }
        return problems;
    }

    private void walk(Node node, JsonNode value, JsonNode old, String path, String name, List<String> problems) {
        if (value == null || value.isMissingNode() || (value.isNull() && !node.nullable)) {
            return;
        }
        if (old != null && (old.isMissingNode() || old.isNull())) {
            old = null;
        }
        if (!node.rules.isEmpty()) {
            Object self = cel(node, value);
            Object oldSelf = old == null ? null : cel(node, old);
            for (Rule rule : node.rules) {
                if (rule.transition() && oldSelf == null) {
                    continue;
                }
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("self", self);
                if (oldSelf != null) {
                    variables.put("oldSelf", oldSelf);
                }
                String at = (path.isEmpty() ? "<root>" : path.substring(1)) + rule.fieldPath();
                try {
                    Object result = rule.program().eval(variables);
                    if (!Boolean.TRUE.equals(result)) {
                        problems.add(name + ": " + at + ": " + message(rule, variables) + " (x-kubernetes-validations: "
                                + rule.source() + ")");
                    }
                } catch (CelEvaluationException e) {
                    problems.add(name + ": " + at + ": x-kubernetes-validations rule '" + rule.source()
                            + "' cannot be evaluated: " + e.getMessage());
                }
            }
        }
        if (value.isObject()) {
            for (Map.Entry<String, Node> property : node.properties.entrySet()) {
                if (property.getValue().hasRules) {
                    walk(
                            property.getValue(),
                            value.get(property.getKey()),
                            old == null ? null : old.get(property.getKey()),
                            path + "." + property.getKey(),
                            name,
                            problems);
                }
            }
            if (node.additionalProperties != null && node.additionalProperties.hasRules) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    walk(
                            node.additionalProperties,
                            field.getValue(),
                            old == null ? null : old.get(field.getKey()),
                            path + "[" + field.getKey() + "]",
                            name,
                            problems);
                }
            }
        }
        if (value.isArray() && node.items != null && node.items.hasRules) {
            for (int i = 0; i < value.size(); i++) {
                walk(node.items, value.get(i), null, path + "[" + i + "]", name, problems);
            }
        }
    }

    private static String message(Rule rule, Map<String, Object> variables) {
        if (rule.messageExpression() != null) {
            try {
                Object message = rule.messageExpression().eval(variables);
                if (message instanceof String text && !text.isBlank()) {
                    return text;
                }
            } catch (CelEvaluationException e) {
                // as Kubernetes: a message expression that fails falls back to the message
            }
        }
        return rule.message().isEmpty() ? "failed rule: " + rule.source() : rule.message();
    }

    /** The value with the schema's defaults filled in where a property is absent (or null and not nullable). */
    private static JsonNode withDefaults(Node node, JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, Node> property : node.properties.entrySet()) {
                Node child = property.getValue();
                JsonNode present = object.get(property.getKey());
                if ((present == null || (present.isNull() && !child.nullable)) && child.defaultValue != null) {
                    object.set(property.getKey(), child.defaultValue.deepCopy());
                }
                JsonNode now = object.get(property.getKey());
                if (now != null) {
                    object.set(property.getKey(), withDefaults(child, now));
                }
            }
            if (node.additionalProperties != null) {
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!node.properties.containsKey(key)) {
                        object.set(key, withDefaults(node.additionalProperties, object.get(key)));
                    }
                }
            }
        } else if (value != null && value.isArray() && node.items != null) {
            for (int i = 0; i < value.size(); i++) {
                ((ArrayNode) value).set(i, withDefaults(node.items, value.get(i)));
            }
        }
        return value;
    }

    /** A JSON value as the CEL value Kubernetes would bind: typed by the schema node where it has one. */
    private static Object cel(Node node, JsonNode value) {
        if (value.isNull()) {
            return NullValue.NULL_VALUE;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    Node child = childOf(node, field.getKey());
                    if (child == null || !child.nullable) {
                        return; // pruned by the API server
                    }
                }
                map.put(field.getKey(), cel(childOf(node, field.getKey()), field.getValue()));
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            Node items = node == null ? null : node.items;
            value.forEach(item -> list.add(cel(items, item)));
            return list;
        }
        if (value.isNumber()) {
            String type = node == null || node.dynamic ? "" : node.type;
            if (type.equals("number") || (type.isEmpty() && !value.isIntegralNumber())) {
                return value.doubleValue();
            }
            return value.longValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.asText();
    }

    private static Node childOf(Node node, String key) {
        if (node == null) {
            return null;
        }
        Node child = node.properties.get(key);
        return child != null ? child : node.additionalProperties;
    }

    @Override
    public String toString() {
        return type + ": " + count + " CEL rules";
    }
}
