package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Java renderer gives the same objects as the real Kustomize (kubectl's built-in {@code kubectl kustomize}) for
 * every overlay — where kubectl is installed (it is on the project's build machine, not necessarily elsewhere; the
 * test is skipped, visibly, without it). Object order is not compared (Kustomize's legacy order is kind-based and
 * both follow it only roughly); every object's content is.
 */
class KustomizeMatchesKubectlTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    private static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void javaRendererEqualsKubectlKustomize(String overlay) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not installed: the renderer is checked by KustomizeTest only");
        Process process = new ProcessBuilder(
                        kubectl.toString(), "kustomize", Repo.overlay(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, process.exitValue(), "kubectl kustomize failed");
        assertEquals(byId(Yaml.documents(output, "kubectl kustomize")), byId(Repo.render(overlay)));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(Kustomize.id(o), o));
        return byId;
    }
}
