package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt field or a value of the wrong type in any object fails the check: the proof that it can fail. */
class SchemaCatchesTyposTest {

    private static ObjectNode production(String kind, String name) {
        return Repo.named(Repo.render("production"), kind, name);
    }

    private static List<String> problemsAfter(String kind, String name, Consumer<ObjectNode> breakIt) {
        ObjectNode object = production(kind, name);
        assertEquals(List.of(), Repo.schemas().problems(object), "valid before it is broken");
        breakIt.accept(object);
        return Repo.schemas().problems(object);
    }

    private static void assertNamed(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
    }

    @Test
    void aDeploymentWithAMisspeltFieldFails() {
        List<String> problems = problemsAfter("Deployment", "incident-service", d -> {
            ObjectNode spec = (ObjectNode) d.get("spec");
            spec.set("replica", spec.remove("replicas"));
        });
        assertNamed(problems, "replica");
    }

    @Test
    void aDeploymentWithAWrongTypeFails() {
        assertNamed(
                problemsAfter("Deployment", "web", d -> ((ObjectNode) d.get("spec")).put("replicas", "two")),
                "replicas");
        assertNamed(
                problemsAfter(
                        "Deployment",
                        "web",
                        d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/readinessProbe"))
                                .put("periodSecond", 5)),
                "periodSecond");
    }

    @Test
    void aMisspeltMetadataFieldFailsInACustomResourceToo() {
        assertNamed(
                problemsAfter(
                        "KafkaTopic",
                        "horenso-incident-events",
                        t -> ((ObjectNode) t.get("metadata")).set("label", t.at("/metadata/labels"))),
                "label");
    }

    @Test
    void operatorResourcesWithTyposFail() {
        assertNamed(
                problemsAfter(
                        "KafkaTopic",
                        "horenso-incident-events",
                        t -> ((ObjectNode) t.get("spec")).put("partition", 12)),
                "partition");
        assertNamed(
                problemsAfter(
                        "Kafka", "horenso", k -> ((ObjectNode) k.at("/spec/kafka/listeners/0")).put("port", "9093")),
                "port");
        assertNamed(
                problemsAfter(
                        "KafkaUser",
                        "incident-service",
                        u -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                        u.at("/spec/authorization/acls/0/operations"))
                                .removeAll()
                                .add("Wrtie")),
                "operations");
        assertNamed(
                problemsAfter("Cluster", "horenso-pg", c -> ((ObjectNode) c.get("spec")).put("instances", "3")),
                "instances");
        assertNamed(
                problemsAfter(
                        "Cluster", "horenso-pg", c -> ((ObjectNode) c.at("/spec/backup")).put("retentionPolcy", "30d")),
                "retentionPolcy");
        assertNamed(
                problemsAfter(
                        "ScheduledBackup",
                        "horenso-pg-nightly",
                        b -> ((ObjectNode) b.get("spec")).put("method", "tape")),
                "method");
        assertNamed(
                problemsAfter(
                        "Keycloak", "horenso-keycloak", k -> ((ObjectNode) k.at("/spec/hostname")).put("hostnam", "x")),
                "hostnam");
        assertNamed(
                problemsAfter(
                        "KeycloakRealmImport",
                        "horenso-realm",
                        r -> ((ObjectNode) r.at("/spec/realm")).put("sslRequire", "all")),
                "sslRequire");
    }

    @Test
    void networkPoliciesAndAutoscalersWithTyposFail() {
        assertNamed(
                problemsAfter(
                        "NetworkPolicy",
                        "incident-service",
                        n -> ((ObjectNode) n.at("/spec/ingress/0/ports/0")).put("protocl", "TCP")),
                "protocl");
        assertNamed(
                problemsAfter(
                        "HorizontalPodAutoscaler",
                        "incident-service",
                        h -> ((ObjectNode) h.get("spec")).put("maxReplicas", "many")),
                "maxReplicas");
        assertNamed(
                problemsAfter("PodDisruptionBudget", "web", p -> ((ObjectNode) p.get("spec")).put("minAvailible", 1)),
                "minAvailible");
    }

    @Test
    void anObjectOfAnUnknownTypeFails() {
        ObjectNode object = production("Service", "web");
        object.put("apiVersion", "v2");
        assertNamed(Repo.schemas().problems(object), "no schema");
    }

    /** The whole path, from a kustomization on disk to the schema: a typo in a patch file fails too. */
    @Test
    void aTypoInAnOverlaysPatchFailsTheRenderedOverlay(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("overlay");
        Files.createDirectories(overlay);
        Files.writeString(
                overlay.resolve("kustomization.yaml"), """
                resources:
                  - %s
                patches:
                  - patch: |-
                      apiVersion: autoscaling/v2
                      kind: HorizontalPodAutoscaler
                      metadata:
                        name: web
                      spec:
                        maxReplica: 3
                """.formatted(Repo.k8s().resolve("base")));
        List<String> problems = Kustomize.build(overlay).stream()
                .flatMap(o -> Repo.schemas().problems(o).stream())
                .toList();
        assertNamed(problems, "maxReplica");
        assertEquals(1, problems.size(), problems.toString());
    }
}
