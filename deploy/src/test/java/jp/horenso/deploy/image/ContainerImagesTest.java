package jp.horenso.deploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every deployable's image, built without a Docker daemon from its packaged fast-jar, is a valid OCI image that runs
 * the fast-jar with the jlinked runtime as user 185 (its Deployment's user) on its Deployment's port, with nothing
 * writable but {@code /tmp}, and says which release and commit it is.
 */
class ContainerImagesTest {

    static final List<String> DEPLOYABLES = Deployable.NAMES;

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void isAValidOciImageWhoseDigestsMatchTheirBlobs(String name) {
        Images.Built built = Images.of(name);
        OciImage oci = built.oci(); // read back: index → manifest → config → layers, every digest checked
        assertEquals(built.image().digest(), oci.manifestDigest, "the digest Jib reported is the manifest's");
        assertEquals(
                "horenso/" + name + ":" + Images.RELEASE.version(),
                oci.index
                        .at("/manifests/0/annotations/org.opencontainers.image.ref.name")
                        .asText(),
                "the tarball names the image");
        assertEquals("linux", oci.config.path("os").asText());
        assertEquals(
                List.of("os", "java-runtime", "dependencies", "application"),
                oci.config.path("history").findValuesAsText("comment"),
                "four layers, least often changed first");
        assertEquals(
                Images.RELEASE.created().toString(), oci.config.path("created").asText());
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void runsAsUser185WithNothingWritableButTmp(String name) {
        OciImage oci = Images.of(name).oci();
        assertEquals("185:185", oci.containerConfig().path("User").asText());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, OciImage.Entry> e : oci.fileSystem().entrySet()) {
            OciImage.Entry f = e.getValue();
            if (f.path().equals("/tmp")) {
                assertTrue(f.directory());
                assertEquals(185, f.uid(), "/tmp belongs to 185");
                continue;
            }
            if (f.uid() != 0 || f.gid() != 0) {
                problems.add(f.path() + " is owned by " + f.uid() + ":" + f.gid());
            }
            if (f.writableByOthersThanOwner()) {
                problems.add(f.path() + " is writable by group or others: " + Integer.toOctalString(f.mode()));
            }
            if ((f.mode() & 06000) != 0) {
                problems.add(f.path() + " is set-user or set-group id");
            }
        }
        assertEquals(List.of(), problems, "root owns the image's files, user 185 can change none of them");
        assertTrue(oci.fileSystem().get("/etc/passwd").size() > 0);
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void startsTheFastJarWithTheJlinkedRuntimeAndTheModulesJvmOptions(String name) {
        Images.Built built = Images.of(name);
        JsonNode c = built.oci().containerConfig();
        List<String> entrypoint = new ArrayList<>();
        c.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertEquals("/opt/java/bin/java", entrypoint.get(0));
        assertEquals(
                List.of("-jar", "/deployments/quarkus-run.jar"),
                entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(entrypoint.containsAll(built.deployable().imageJvmOptions()), entrypoint.toString());
        assertFalse(entrypoint.stream().anyMatch(a -> a.startsWith("-Xmx")), "the pod's memory limit sizes the heap");
        assertFalse(
                entrypoint.stream().anyMatch(a -> a.contains("SharedArchiveFile")),
                "no class-data archive of another runtime");
        assertEquals("/deployments", c.path("WorkingDir").asText());
        Map<String, OciImage.Entry> fs = built.oci().fileSystem();
        for (String path : List.of(
                "/opt/java/bin/java",
                "/opt/java/lib/server/libjvm.so",
                "/opt/java/lib/modules",
                "/deployments/quarkus-run.jar",
                "/deployments/quarkus/quarkus-application.dat",
                "/lib64/ld-linux-x86-64.so.2")) {
            assertTrue(fs.containsKey(path), name + " has " + path);
        }
        assertEquals(0755, fs.get("/opt/java/bin/java").mode());
        assertFalse(fs.containsKey("/deployments/app-cds.jsa"), "the build JDK's class-data archive stays out");
        assertTrue(
                fs.keySet().stream().anyMatch(p -> p.startsWith("/deployments/lib/main/")),
                "the dependencies are in the image");
        assertTrue(c.path("ExposedPorts").has(built.deployable().httpPort().orElseThrow() + "/tcp"));
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void agreesWithItsDeploymentOnUserAndPort(String name) throws Exception {
        JsonNode deployment = null;
        Path manifest = Images.root().resolve("deploy/k8s/base/apps/" + name + ".yaml");
        try (MappingIterator<JsonNode> docs =
                new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc.path("kind").asText().equals("Deployment")) {
                    deployment = doc;
                }
            }
        }
        assertNotNull(deployment, "a Deployment in " + manifest);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode c = Images.of(name).oci().containerConfig();
        assertEquals(
                c.path("User").asText(),
                pod.at("/securityContext/runAsUser").asText() + ":"
                        + pod.at("/securityContext/runAsGroup").asText());
        assertTrue(c.path("ExposedPorts")
                .has(pod.at("/containers/0/ports/0/containerPort").asText() + "/tcp"));
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void saysWhichReleaseAndCommitItIs(String name) {
        JsonNode labels = Images.of(name).oci().containerConfig().path("Labels");
        assertEquals(
                Images.RELEASE.version(),
                labels.path("org.opencontainers.image.version").asText());
        assertEquals(
                Images.RELEASE.revision(),
                labels.path("org.opencontainers.image.revision").asText());
        assertEquals(
                Images.RELEASE.created().toString(),
                labels.path("org.opencontainers.image.created").asText());
        assertEquals(
                System.getProperty("java.specification.version"),
                labels.path("jp.horenso.java.version").asText().replaceFirst("\\..*", ""));
    }
}
