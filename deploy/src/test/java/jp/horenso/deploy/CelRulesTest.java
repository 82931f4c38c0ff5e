package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operators' CEL rules ({@code x-kubernetes-validations}) are evaluated: an object the API server would refuse by
 * such a rule fails the check with the rule's message and path; transition rules ({@code oldSelf}) only on an update.
 */
class CelRulesTest {

    /** A CloudNativePG Database (declarative database management), valid as written. */
    private static final String DATABASE = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Database
            metadata:
              name: incident
              namespace: horenso
            spec:
              name: incident
              owner: incident_owner
              cluster:
                name: horenso-pg
            """;

    private static ObjectNode database() {
        return Yaml.documents(DATABASE, "test").get(0);
    }

    private static ObjectNode production(String kind, String name) {
        return Repo.named(Repo.render("production"), kind, name);
    }

    private static List<String> problemsAfter(ObjectNode object, Consumer<ObjectNode> change) {
        assertEquals(List.of(), Repo.schemas().problems(object), "valid before it is changed");
        change.accept(object);
        return Repo.schemas().problems(object);
    }

    private static void assertNamed(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
    }

    @Test
    void everyRuleOfTheVendoredCrdsIsCompiled() throws IOException {
        Map<String, Integer> vendored = new TreeMap<>();
        try (Stream<Path> files = Files.list(Repo.root().resolve("deploy/src/test/resources/schemas/crds"))) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(file -> {
                JsonNode crds = Yaml.json(file);
                for (JsonNode crd : crds.isArray() ? crds : List.of(crds)) {
                    for (JsonNode version : crd.at("/spec/versions")) {
                        if (version.path("served").asBoolean()) {
                            vendored.put(
                                    crd.at("/spec/group").asText() + "/"
                                            + version.path("name").asText() + " "
                                            + crd.at("/spec/names/kind").asText(),
                                    rulesIn(version.path("schema")));
                        }
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        vendored.values().removeIf(n -> n == 0);
        Map<String, Integer> compiled = new TreeMap<>(Repo.schemas().celRuleCounts());
        compiled.values().removeIf(n -> n == 0);
        assertEquals(vendored, compiled);
        assertEquals(
                39, compiled.values().stream().mapToInt(Integer::intValue).sum(), "the rules of the vendored CRDs");
        assertEquals(21, compiled.get("postgresql.cnpg.io/v1 Database"));
        assertEquals(9, compiled.get("postgresql.cnpg.io/v1 Cluster"));
        assertEquals(3, compiled.get("kafka.strimzi.io/v1 KafkaUser"));
    }

    /** Every x-kubernetes-validations entry anywhere below the node. */
    private static int rulesIn(JsonNode node) {
        int count = node.path("x-kubernetes-validations").size();
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                count += rulesIn(child);
            }
        }
        return count;
    }

    @Test
    void aDatabaseWithAReservedNameIsRefusedWithTheRulesMessage() {
        assertNamed(
                problemsAfter(database(), d -> ((ObjectNode) d.get("spec")).put("name", "postgres")),
                "Database incident: spec.name: the name postgres is reserved");
        assertNamed(
                problemsAfter(database(), d -> ((ObjectNode) d.get("spec")).put("name", "template1")),
                "spec.name: the name template1 is reserved");
        assertNamed(
                problemsAfter(
                        database(),
                        d -> ((ObjectNode) d.get("spec"))
                                .put("localeProvider", "builtin")
                                .put("icuLocale", "ja-JP")),
                "spec: icuLocale is only available when localeProvider is set to `icu`");
    }

    @Test
    void aClusterWithBothAnImageCatalogAndAnImageNameIsRefused() {
        List<String> problems = problemsAfter(
                production("Cluster", "horenso-pg"),
                c -> ((ObjectNode) c.get("spec"))
                        .putObject("imageCatalogRef")
                        .put("apiGroup", "postgresql.cnpg.io")
                        .put("kind", "ImageCatalog")
                        .put("name", "postgresql")
                        .put("major", 17));
        assertEquals(
                List.of("Cluster horenso-pg: spec: imageName and imageCatalogRef are mutually exclusive"
                        + " (x-kubernetes-validations: !(has(self.imageCatalogRef) && has(self.imageName)))"),
                problems);
        assertNamed(
                problemsAfter(production("Cluster", "horenso-pg"), c -> {
                    ObjectNode spec = (ObjectNode) c.get("spec");
                    spec.remove("imageName");
                    spec.putObject("imageCatalogRef")
                            .put("apiGroup", "postgresql.cnpg.io")
                            .put("kind", "ConfigMap")
                            .put("name", "postgresql")
                            .put("major", 17);
                }),
                "spec.imageCatalogRef: Only image catalogs are supported");
    }

    @Test
    void integerRulesCompareAsIntegers() {
        assertNamed(
                problemsAfter(
                        production("Cluster", "horenso-pg"),
                        c -> ((ObjectNode) c.at("/spec/postgresql/synchronous")).put("number", 0)),
                "spec.postgresql.synchronous.number: The number of synchronous replicas should be greater than zero");
        ObjectNode user = production("KafkaUser", "incident-service");
        ((ObjectNode) user.at("/spec/authentication"))
                .put("type", "tls")
                .put("validityDays", 30)
                .put("renewalDays", 10);
        assertEquals(List.of(), Repo.schemas().problems(user));
        ((ObjectNode) user.at("/spec/authentication")).put("renewalDays", 30);
        assertNamed(
                Repo.schemas().problems(user),
                "KafkaUser incident-service: spec.authentication: 'renewalDays' must be less than 'validityDays'.");
        assertNamed(
                problemsAfter(
                        production("KafkaUser", "web"),
                        u -> ((ObjectNode) u.at("/spec/authentication")).put("validityDays", 30)),
                "spec.authentication: 'validityDays' and 'renewalDays' can be configured only with 'type: tls'");
    }

    @Test
    void aRuleInsideArrayItemsIsEvaluatedForEachItemAtItsPath() {
        List<String> problems = problemsAfter(database(), d -> {
            ObjectNode fdw = ((ObjectNode) d.get("spec")).putArray("fdws").addObject();
            fdw.put("name", "postgres_fdw");
            fdw.putArray("usage").addObject().put("name", "incident_app");
            ((ArrayNode) fdw.get("usage")).addObject().put("name", "");
        });
        assertEquals(1, problems.size(), problems.toString());
        assertNamed(problems, "spec.fdws[0].usage[1].name: name is required");
    }

    @Test
    void aRuleThatCannotBeEvaluatedRefusesTheObject() {
        // rack without topologyKey: the rule reads self.topologyKey, absent — the API server refuses it too
        assertNamed(
                problemsAfter(production("Kafka", "horenso"), k -> ((ObjectNode) k.at("/spec/kafka/rack")).removeAll()),
                "spec.kafka.rack: x-kubernetes-validations rule '(has(self.type) && self.type != \"topology-label\")"
                        + " || self.topologyKey != \"\"' cannot be evaluated");
    }

    @Test
    void transitionRulesAreSkippedOnCreateAndEvaluatedOnUpdate() {
        ObjectNode old = database();
        assertEquals(List.of(), Repo.schemas().problems(old), "a create: 'self == oldSelf' is not evaluated");
        assertEquals(List.of(), Repo.schemas().problemsOnUpdate(old, database()));
        ObjectNode renamed = database();
        ((ObjectNode) renamed.get("spec")).put("name", "incident2");
        ((ObjectNode) renamed.at("/spec/cluster")).put("name", "other-pg");
        assertEquals(List.of(), Repo.schemas().problems(renamed));
        List<String> problems = Repo.schemas().problemsOnUpdate(old, renamed);
        assertNamed(problems, "Database incident: spec.name: name is immutable");
        assertNamed(problems, "spec.cluster: cluster reference is immutable after creation");
        assertEquals(2, problems.size(), problems.toString());

        // a field absent before has no old value: its transition rule is skipped (as the API server does)
        ObjectNode cluster = production("Cluster", "horenso-pg");
        ObjectNode withAccount = cluster.deepCopy();
        ((ObjectNode) withAccount.get("spec")).put("serviceAccountName", "horenso-pg");
        assertEquals(List.of(), Repo.schemas().problemsOnUpdate(cluster, withAccount));
        ObjectNode otherAccount = withAccount.deepCopy();
        ((ObjectNode) otherAccount.get("spec")).put("serviceAccountName", "someone-else");
        assertNamed(
                Repo.schemas().problemsOnUpdate(withAccount, otherAccount),
                "spec.serviceAccountName: serviceAccountName is immutable");
    }

    private static final String THING = """
            {"type": "object", "properties": {"spec": {"type": "object",
              "x-kubernetes-validations": [
                {"rule": "self.mode == 'fixed' || has(self.replicas)", "message": "replicas is required"}],
              "properties": {
                "mode": {"type": "string", "default": "fixed"},
                "ratio": {"type": "number", "x-kubernetes-validations": [{"rule": "self < 1.0"}]},
                "labels": {"type": "object", "additionalProperties": {"type": "string",
                  "x-kubernetes-validations": [{"rule": "self.size() <= 3", "message": "too long"}]}},
                "replicas": {"type": "integer", "x-kubernetes-validations": [
                  {"rule": "self <= 5", "message": "too many", "messageExpression": "'replicas ' + string(self) + ' > 5'"},
                  {"rule": "self >= 1", "message": "too few", "messageExpression": "string(1 / (self - self))"}]}}}}}
            """;

    private static JsonNode json(String text) {
        try {
            return Yaml.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> thingProblems(String spec) {
        CelRules rules = CelRules.compile("example.org/v1 Thing", json(THING));
        assertEquals(5, rules.count());
        return rules.problems("Thing t", json("{\"spec\": " + spec + "}"), null);
    }

    @Test
    void messagesDefaultsAndTypesFollowKubernetes() {
        assertEquals(List.of(), thingProblems("{}"), "mode defaults to 'fixed' before the rules run");
        assertEquals(
                List.of("Thing t: spec: replicas is required (x-kubernetes-validations: self.mode == 'fixed' ||"
                        + " has(self.replicas))"),
                thingProblems("{\"mode\": \"scaled\"}"));
        assertEquals(
                List.of("Thing t: spec.replicas: replicas 7 > 5 (x-kubernetes-validations: self <= 5)"),
                thingProblems("{\"replicas\": 7}"),
                "the messageExpression's text");
        assertEquals(
                List.of("Thing t: spec.replicas: too few (x-kubernetes-validations: self >= 1)"),
                thingProblems("{\"replicas\": 0}"),
                "a messageExpression that fails: the message");
        assertEquals(
                List.of("Thing t: spec.ratio: failed rule: self < 1.0 (x-kubernetes-validations: self < 1.0)"),
                thingProblems("{\"ratio\": 2}"),
                "a number written as 2 is the double 2.0; no message: Kubernetes' 'failed rule'");
        assertEquals(
                List.of("Thing t: spec.labels[b]: too long (x-kubernetes-validations: self.size() <= 3)"),
                thingProblems("{\"labels\": {\"a\": \"abc\", \"b\": \"abcd\"}}"),
                "each value of a map");
    }

    @Test
    void aRuleThatDoesNotCompileFailsTheLoad() {
        IllegalStateException unknownFunction =
                assertThrows(IllegalStateException.class, () -> CelRules.compile("example.org/v1 Thing", json("""
                        {"type": "object", "properties": {"size": {"type": "string",
                          "x-kubernetes-validations": [{"rule": "quantity(self).isGreaterThan(quantity('1Gi'))"}]}}}
                        """)));
        assertTrue(unknownFunction.getMessage().contains("example.org/v1 Thing .size"), unknownFunction.getMessage());
        assertTrue(unknownFunction.getMessage().contains("quantity"), unknownFunction.getMessage());
        assertThrows(IllegalStateException.class, () -> CelRules.compile("example.org/v1 Thing", json("""
                        {"type": "object", "x-kubernetes-validations": [{"rule": "self.a =="}]}
                        """)));
        assertThrows(
                IllegalStateException.class,
                () -> CelRules.compile("example.org/v1 Thing", json("""
                        {"type": "integer", "x-kubernetes-validations": [{"rule": "self.startsWith('a')"}]}
                        """)),
                "self is typed by its schema: an integer has no startsWith");
    }
}
