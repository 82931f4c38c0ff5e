package jp.horenso.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The repository the tests read, the overlays, and the schemas; rendered overlays are kept for the whole run. */
final class Repo {

    static final List<String> OVERLAYS = List.of("staging", "production");
    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();
    private static Schemas schemas;

    private Repo() {}

    static Path root() {
        String configured = System.getProperty("horenso.repo.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("deploy/k8s")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    /** Every object of the overlay, as {@code kustomize build} renders it (a copy for the caller to change). */
    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.build(overlay(o))).stream()
                .map(ObjectNode::deepCopy)
                .toList();
    }

    static synchronized Schemas schemas() {
        if (schemas == null) {
            schemas = Schemas.load(root().resolve("deploy/src/test/resources/schemas"));
        }
        return schemas;
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
