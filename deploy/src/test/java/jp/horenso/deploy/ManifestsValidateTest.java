package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every object of every overlay, rendered, is valid against the Kubernetes 1.30 and the operators' schemas. */
class ManifestsValidateTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRenderedObjectMatchesItsSchema(String overlay) {
        List<ObjectNode> objects = Repo.render(overlay);
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : objects) {
            problems.addAll(Repo.schemas().problems(object));
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theOverlayHoldsEveryKindTheIssueAsksFor(String overlay) {
        Set<String> kinds = new TreeSet<>();
        Repo.render(overlay).forEach(o -> kinds.add(o.path("kind").asText()));
        assertTrue(
                kinds.containsAll(Set.of(
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "Ingress",
                        "ConfigMap",
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "KafkaUser",
                        "Cluster",
                        "ScheduledBackup",
                        "Keycloak",
                        "KeycloakRealmImport")),
                kinds.toString());
        String namespace = overlay.equals("production") ? "horenso" : "horenso-" + overlay;
        Repo.render(overlay)
                .forEach(o -> assertEquals(
                        namespace, o.path("metadata").path("namespace").asText(), Kustomize.id(o)));
    }
}
