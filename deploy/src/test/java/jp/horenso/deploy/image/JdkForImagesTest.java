package jp.horenso.deploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JDK can link the images' runtime (issue 13: the services start sooner on JDK 25, whose Temurin build ships no
 * jmods): one with jlink and its jmods, or a JDK 24+ whose jlink links from its own run-time image (JEP 493); never a
 * JRE, nor an older JDK without jmods.
 */
class JdkForImagesTest {

    @TempDir
    Path folder;

    @Test
    void aJdkWithJmodsLinksWhateverItsVersion() throws Exception {
        assertTrue(JavaRuntime.canLink(jdk("17.0.15", true, true)));
    }

    @Test
    void aJdk24OrLaterWithoutJmodsLinksFromItsRunTimeImage() throws Exception {
        Path jdk25 = jdk("25.0.3", false, true);

        assertEquals(25, JavaRuntime.featureVersion(jdk25));
        assertTrue(JavaRuntime.canLink(jdk25));
        assertTrue(JavaRuntime.canLink(jdk("24", false, true)));
    }

    @Test
    void anOlderJdkWithoutJmodsOrAJreIsRefusedBeforeAnythingIsLinked() throws Exception {
        assertFalse(JavaRuntime.canLink(jdk("21.0.5", false, true)));
        assertFalse(JavaRuntime.canLink(jdk("25.0.3", true, false)));
        Path jre = jdk("17.0.15", false, false);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> JavaRuntime.link(jre, folder.resolve("out")));
        assertTrue(e.getMessage().contains("a JRE cannot link a runtime"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("out")));
    }

    @Test
    void theBuildsOwnJdkIsRead() {
        assertEquals(Runtime.version().feature(), JavaRuntime.featureVersion(JavaRuntime.currentJdk()));
    }

    private Path jdk(String version, boolean jmods, boolean jlink) throws Exception {
        Path jdk = Files.createTempDirectory(folder, "jdk");
        Path bin = Files.createDirectories(jdk.resolve("bin"));
        if (jlink) {
            Path tool = bin.resolve("jlink");
            Files.writeString(tool, "#!/bin/sh\nexit 1\n");
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (jmods) {
            Files.createDirectories(jdk.resolve("jmods"));
        }
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return jdk;
    }
}
