package jp.horenso.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK the services run on (issue 13: a newer JDK starts them sooner): the launcher's own unless
 * HORENSO_SERVICE_JAVA_HOME names another, whose version — what a trained class-data archive is bound to — comes from
 * its release file; a folder that is no JDK stops the launch instead of starting something else.
 */
class ServiceJavaTest {

    @TempDir
    Path folder;

    @Test
    void withoutTheVariableTheServicesRunOnTheLaunchersOwnJvm() {
        ServiceJava java = ServiceJava.fromEnvironment(Map.of(ServiceJava.ENV, " "));

        assertEquals(ServiceJava.launcher(), java);
        assertEquals(Runtime.version().feature(), java.feature());
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), java.executable());
    }

    @Test
    void theVariableNamesAnotherJdkWhoseVersionComesFromItsReleaseFile() throws Exception {
        Path jdk = fakeJdk("JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");

        ServiceJava java = ServiceJava.fromEnvironment(Map.of(ServiceJava.ENV, jdk.toString()));

        assertEquals("25.0.3+9-LTS", java.version());
        assertEquals(25, java.feature());
        assertEquals(jdk.resolve("bin/java").toString(), java.executable());
        assertNotEquals(ServiceJava.launcher().identity(), java.identity());
    }

    @Test
    void theLaunchersOwnFolderNamedByTheVariableIsTheLaunchersJvm() {
        ServiceJava java = ServiceJava.of(Path.of(System.getProperty("java.home")));

        assertEquals(ServiceJava.launcher().identity(), java.identity());
    }

    @Test
    void aFolderWithoutJavaOrWithoutAVersionStopsTheLaunch() throws Exception {
        IllegalArgumentException noJava = assertThrows(IllegalArgumentException.class, () -> ServiceJava.of(folder));
        assertTrue(noJava.getMessage().contains("no bin/java"), noJava.getMessage());

        Path noVersion = fakeJdk("IMPLEMENTOR=\"test\"\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceJava.of(noVersion));
        assertTrue(e.getMessage().contains("JAVA_RUNTIME_VERSION"), e.getMessage());
    }

    @Test
    void aJlinkedRuntimeSaysOnlyItsJavaVersionAndThatIsEnough() throws Exception {
        // What jlink writes, e.g. the container images' java-runtime (deploy JavaRuntime).
        Path runtime = fakeJdk("JAVA_VERSION=\"25.0.3\"\nMODULES=\"java.base java.logging\"\n");

        ServiceJava java = ServiceJava.of(runtime);

        assertEquals("25.0.3", java.version());
        assertEquals(25, java.feature());
    }

    @Test
    void aServiceLaunchStartsTheProgramOfTheJdkItIsGiven() throws Exception {
        Path jdk = fakeJdk("JAVA_RUNTIME_VERSION=\"21.0.9+10\"\n");
        Path module = Files.createDirectories(folder.resolve("some-service"));
        Files.write(module.resolve("jvm.options"), List.of("# one option", "-Xmx64m"));

        List<String> command =
                ServiceLaunch.of(module).java(ServiceJava.of(jdk)).command();

        assertEquals(List.of(jdk.resolve("bin/java").toString(), "-Xmx64m", "-jar", "quarkus-run.jar"), command);
    }

    private Path fakeJdk(String release) throws Exception {
        Path jdk = Files.createTempDirectory(folder, "jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.resolve("release"), release);
        return jdk;
    }
}
