package jp.horenso.deploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * 再現可能なビルド — the same fast-jar and JDK give the same image, byte for byte (the same digest), even built again
 * from nothing (the runtime linked again, another layer cache); and the digest does follow what the image says (its
 * creation time).
 */
class ReproducibleImageTest {

    static final String NAME = "public-site";

    @Test
    void buildingTheSameDeployableAgainGivesTheSameDigest() {
        Images.Built first = Images.of(NAME);
        Path again = Images.work().resolve("again");
        BuildImages.delete(again);
        JavaRuntime linkedAgain = JavaRuntime.link(JavaRuntime.currentJdk(), again.resolve("java-runtime"));
        ImageBuilder fresh = new ImageBuilder(linkedAgain, again.resolve("work"));
        ImageBuilder.Image second = fresh.toTarball(first.deployable(), Images.RELEASE, again.resolve(NAME + ".tar"));
        OciImage secondOci = OciImage.read(again.resolve(NAME + ".tar"));

        assertEquals(first.image().digest(), second.digest());
        assertEquals(first.image().imageId(), second.imageId());
        for (int i = 0; i < first.oci().layers.size(); i++) {
            assertEquals(
                    first.oci().layers.get(i).digest(), secondOci.layers.get(i).digest(), "layer " + i);
        }
        BuildImages.delete(again); // a 60 MB copy
    }

    @Test
    void anotherCreationTimeGivesAnotherDigestButTheSameLayers() {
        Images.Built first = Images.of(NAME);
        ImageBuilder.Release later = new ImageBuilder.Release(
                Images.RELEASE.version(), Images.RELEASE.revision(), Instant.parse("2026-04-02T00:00:00Z"));
        Path tarball = Images.work().resolve("later-" + NAME + ".tar");
        ImageBuilder.Image other = Images.builder().toTarball(first.deployable(), later, tarball);

        assertNotEquals(first.image().digest(), other.digest());
        assertEquals(
                first.oci().layers.stream().map(OciImage.Layer::digest).toList(),
                OciImage.read(tarball).layers.stream()
                        .map(OciImage.Layer::digest)
                        .toList(),
                "only the configuration changed: a registry already has every layer");
        BuildImages.delete(tarball);
    }
}
