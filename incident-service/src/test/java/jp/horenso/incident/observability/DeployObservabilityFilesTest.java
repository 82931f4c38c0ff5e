package jp.horenso.incident.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability without a cluster: the Grafana ConfigMap holds exactly grafana-dashboard.json, the
 * kustomization lists files that exist, every alert says what is wrong in Japanese first (then English) and has a
 * severity. (The objects' schemas are checked by the deploy module with the overlays.)
 */
class DeployObservabilityFilesTest {

    private static final Path DIR = Path.of("..", "deploy", "observability");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theGrafanaConfigMapHoldsTheDashboardFileForTheSidecar() throws IOException {
        JsonNode configMap =
                YAML.readTree(DIR.resolve("grafana-dashboard-configmap.yaml").toFile());
        assertEquals(
                "1",
                configMap
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText());
        JsonNode embedded = JSON.readTree(
                configMap.path("data").path("horenso-overview.json").asText());
        JsonNode file = JSON.readTree(DIR.resolve("grafana-dashboard.json").toFile());
        assertEquals(
                file,
                embedded,
                "grafana-dashboard-configmap.yaml differs from grafana-dashboard.json: copy the file into the ConfigMap");
        assertEquals("horenso-overview", file.path("uid").asText());
    }

    @Test
    void theKustomizationListsTheObservabilityObjects() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertEquals(
                List.of("servicemonitors.yaml", "prometheus-rules.yaml", "grafana-dashboard-configmap.yaml"),
                resources);
        resources.forEach(r -> assertTrue(Files.isRegularFile(DIR.resolve(r)), r));
    }

    @Test
    void everyAlertSpeaksJapaneseFirstAndHasASeverity() throws IOException {
        JsonNode rules = YAML.readTree(DIR.resolve("prometheus-rules.yaml").toFile());
        assertEquals("PrometheusRule", rules.path("kind").asText());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertTrue(
                        List.of("warning", "critical")
                                .contains(rule.path("labels").path("severity").asText()),
                        alert);
                for (String annotation : List.of("summary", "description")) {
                    String text = rule.path("annotations").path(annotation).asText();
                    assertTrue(japaneseFirst(text), alert + " " + annotation + " is not Japanese first: " + text);
                    assertTrue(text.matches("(?s).*[A-Za-z]{3,}.*"), alert + " " + annotation + " has no English");
                }
            }
        }
        assertTrue(
                alerts.containsAll(List.of(
                        "HorensoOutboxLagging",
                        "HorensoOutboxParked",
                        "HorensoDeadLettersWaiting",
                        "HorensoTimerLagging",
                        "HorensoMailFailing",
                        "HorensoLegalClockWithinADay",
                        "HorensoServiceDown")),
                alerts.toString());
    }

    /** The first letter outside Prometheus templates ({{ … }}) is not a Latin one. */
    private static boolean japaneseFirst(String text) {
        String plain = text.replaceAll("\\{\\{[^}]*}}", "");
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetter(c)) {
                return c > 0x2E80;
            }
        }
        return false;
    }
}
