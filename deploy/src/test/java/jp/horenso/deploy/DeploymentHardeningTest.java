package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every Deployment runs as a non-root user on a read-only root file system without privileges, has start-up,
 * liveness and readiness probes on SmallRye Health, requests and limits, spreads over zones and nodes, and has a
 * Service, a HorizontalPodAutoscaler and a PodDisruptionBudget.
 */
class DeploymentHardeningTest {

    static final List<String> APPS = ServiceConfig.APPS;

    @ParameterizedTest
    @FieldSource("APPS")
    void runsUnprivilegedOnAReadOnlyFileSystem(String app) {
        for (String overlay : Repo.OVERLAYS) {
            ObjectNode d = Repo.named(Repo.render(overlay), "Deployment", app);
            JsonNode pod = d.at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
            assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0);
            assertEquals(
                    "RuntimeDefault",
                    pod.at("/securityContext/seccompProfile/type").asText());
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
            for (JsonNode c : pod.path("containers")) {
                assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(), app);
                assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), app);
                assertEquals(
                        "[\"ALL\"]", c.at("/securityContext/capabilities/drop").toString(), app);
                assertTrue(c.at("/resources/requests/cpu").isTextual(), app);
                assertTrue(c.at("/resources/requests/memory").isTextual(), app);
                assertTrue(c.at("/resources/limits/memory").isTextual(), app);
                assertEquals(
                        "/q/health/started", c.at("/startupProbe/httpGet/path").asText(), app);
                assertEquals(
                        "/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), app);
                assertEquals(
                        "/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), app);
                // the read-only root needs a writable /tmp
                boolean tmp = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    tmp |= m.path("mountPath").asText().equals("/tmp");
                }
                assertTrue(tmp, app + " mounts /tmp");
            }
            assertEquals(2, pod.path("topologySpreadConstraints").size(), app);
        }
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void hasAServiceAnAutoscalerAndADisruptionBudget(String app) {
        for (String overlay : Repo.OVERLAYS) {
            List<ObjectNode> objects = Repo.render(overlay);
            ObjectNode d = Repo.named(objects, "Deployment", app);
            JsonNode podLabels = d.at("/spec/template/metadata/labels");
            ObjectNode service = Repo.named(objects, "Service", app);
            service.at("/spec/selector")
                    .fields()
                    .forEachRemaining(f -> assertEquals(f.getValue(), podLabels.get(f.getKey()), app));
            ObjectNode hpa = Repo.named(objects, "HorizontalPodAutoscaler", app);
            assertEquals(app, hpa.at("/spec/scaleTargetRef/name").asText());
            assertTrue(hpa.at("/spec/minReplicas").asInt() >= 1);
            assertTrue(hpa.at("/spec/maxReplicas").asInt()
                    >= hpa.at("/spec/minReplicas").asInt());
            ObjectNode pdb = Repo.named(objects, "PodDisruptionBudget", app);
            pdb.at("/spec/selector/matchLabels")
                    .fields()
                    .forEachRemaining(f -> assertEquals(f.getValue(), podLabels.get(f.getKey()), app));
            // a budget that never lets a pod go would block every node drain
            if (pdb.at("/spec/minAvailable").isInt()) {
                assertTrue(
                        pdb.at("/spec/minAvailable").asInt()
                                < hpa.at("/spec/minReplicas").asInt(),
                        overlay + app);
            }
        }
    }
}
