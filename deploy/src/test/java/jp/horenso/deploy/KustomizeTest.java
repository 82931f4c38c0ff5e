package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer does what Kustomize does for each feature deploy/k8s uses, and refuses what it does not implement. */
class KustomizeTest {

    @TempDir
    Path dir;

    @BeforeEach
    void base() throws IOException {
        write("base/kustomization.yaml", """
                resources:
                  - app.yaml
                labels:
                  - pairs:
                      part-of: horenso
                """);
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {name: app}
                  template:
                    metadata:
                      labels: {name: app}
                    spec:
                      containers:
                        - name: app
                          image: horenso/app:1.0
                          env:
                            - name: A
                              value: "1"
                            - name: B
                              value: "2"
                        - name: sidecar
                          image: registry.local:5000/tools/sidecar@sha256:abc
                ---
                apiVersion: example.io/v1
                kind: Thing
                metadata:
                  name: thing
                spec:
                  list: [1, 2, 3]
                  nested: {keep: kept, drop: me}
                """);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<ObjectNode> build(String overlay) {
        return Kustomize.build(dir.resolve(overlay));
    }

    @Test
    void resourcesNamespaceAndLabels() throws IOException {
        write("o/kustomization.yaml", "namespace: ns\nresources:\n  - ../base\nlabels:\n  - pairs: {env: test}\n");
        List<ObjectNode> objects = build("o");
        assertEquals(2, objects.size());
        ObjectNode app = Repo.named(objects, "Deployment", "app");
        assertEquals("ns", app.at("/metadata/namespace").asText());
        assertEquals("horenso", app.at("/metadata/labels/part-of").asText());
        assertEquals("test", app.at("/metadata/labels/env").asText());
        // labels without includeSelectors/includeTemplates touch neither selectors nor templates
        assertFalse(app.at("/spec/selector/matchLabels").has("env"));
        assertFalse(app.at("/spec/template/metadata/labels").has("env"));
    }

    @Test
    void labelsIncludeTemplatesReachesPodTemplatesOnly() throws IOException {
        write(
                "o/kustomization.yaml",
                "resources:\n  - ../base\nlabels:\n  - pairs: {env: test}\n    includeTemplates: true\n");
        ObjectNode app = Repo.named(build("o"), "Deployment", "app");
        assertEquals("test", app.at("/spec/template/metadata/labels/env").asText());
        assertFalse(app.at("/spec/selector/matchLabels").has("env"));
    }

    @Test
    void imagesReplaceNameAndTagOrDigest() throws IOException {
        write("o/kustomization.yaml", """
                resources: [../base]
                images:
                  - name: horenso/app
                    newName: registry.city/horenso/app
                    newTag: "2.0"
                  - name: registry.local:5000/tools/sidecar
                    digest: sha256:def
                """);
        ObjectNode app = Repo.named(build("o"), "Deployment", "app");
        assertEquals(
                "registry.city/horenso/app:2.0",
                app.at("/spec/template/spec/containers/0/image").asText());
        assertEquals(
                "registry.local:5000/tools/sidecar@sha256:def",
                app.at("/spec/template/spec/containers/1/image").asText());
    }

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndDeletesNull() throws IOException {
        write("o/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: patch.yaml
                """);
        write("o/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: null
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: B
                              value: "two"
                            - name: C
                              value: "3"
                ---
                apiVersion: example.io/v1
                kind: Thing
                metadata:
                  name: thing
                spec:
                  list: [9]
                  nested: {drop: null}
                """);
        List<ObjectNode> objects = build("o");
        ObjectNode app = Repo.named(objects, "Deployment", "app");
        assertFalse(app.get("spec").has("replicas"));
        assertEquals(2, app.at("/spec/template/spec/containers").size());
        assertEquals(
                "horenso/app:1.0",
                app.at("/spec/template/spec/containers/0/image").asText());
        assertEquals(
                "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"two\"},{\"name\":\"C\",\"value\":\"3\"}]",
                app.at("/spec/template/spec/containers/0/env").toString());
        ObjectNode thing = Repo.named(objects, "Thing", "thing");
        // a custom resource's lists are replaced (JSON merge patch)
        assertEquals("[9]", thing.at("/spec/list").toString());
        assertEquals("{\"keep\":\"kept\"}", thing.at("/spec/nested").toString());
    }

    @Test
    void aTargetedPatchAppliesToEveryMatchWhateverItsName() throws IOException {
        write("base2/kustomization.yaml", "resources: [../base, more.yaml]\n");
        write("base2/more.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: other
                  labels: {tier: back}
                spec:
                  replicas: 5
                """);
        write("o/kustomization.yaml", """
                resources: [../base2]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: any}
                      spec: {replicas: 1}
                  - target: {kind: Deployment, labelSelector: tier=back}
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: any}
                      spec: {paused: true}
                """);
        List<ObjectNode> objects = build("o");
        assertEquals(
                1, Repo.named(objects, "Deployment", "app").at("/spec/replicas").asInt());
        assertEquals(
                1,
                Repo.named(objects, "Deployment", "other").at("/spec/replicas").asInt());
        assertTrue(Repo.named(objects, "Deployment", "other").at("/spec/paused").asBoolean());
        assertFalse(Repo.named(objects, "Deployment", "app").get("spec").has("paused"));
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        write("a/kustomization.yaml", "resources: [../base]\ncommonLabels: {a: b}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build("a"))
                .getMessage()
                .contains("commonLabels"));
        write("b/kustomization.yaml", "resources: [../base]\nconfigMapGenerator: []\n");
        assertThrows(IllegalArgumentException.class, () -> build("b"));
        write(
                "c/kustomization.yaml",
                "resources: [../base]\npatches:\n  - patch: |-\n      - op: replace\n        path: /spec\n        value: {}\n    target: {kind: Deployment}\n");
        assertThrows(IllegalArgumentException.class, () -> build("c"));
        write("d/kustomization.yaml", "resources: [../base]\nlabels:\n  - pairs: {a: b}\n    includeSelectors: true\n");
        assertThrows(IllegalArgumentException.class, () -> build("d"));
    }

    @Test
    void refusesAPatchThatMatchesNothingAndAnObjectDeclaredTwice() throws IOException {
        write(
                "a/kustomization.yaml",
                "resources: [../base]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: missing}\n      spec: {replicas: 1}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build("a"))
                .getMessage()
                .contains("matches no object"));
        write("b/kustomization.yaml", "resources: [../base, ../base/app.yaml]\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build("b"))
                .getMessage()
                .contains("twice"));
    }
}
