package jp.horenso.deploy.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of the five deployables, built once per test run from their packaged fast-jars (the reactor packages
 * the services before this module), with one jlinked runtime shared by all, under {@code deploy/target/image-test}.
 */
final class Images {

    static final ImageBuilder.Release RELEASE =
            new ImageBuilder.Release("0.1.0-test", "0123456789abcdef", Instant.parse("2026-04-01T00:00:00Z"));

    private static final Map<String, Built> BUILT = new ConcurrentHashMap<>();
    private static JavaRuntime runtime;
    private static ImageBuilder builder;

    /** A built image: its tarball, what Jib said, and the tarball as read back. */
    record Built(Deployable deployable, Path tarball, ImageBuilder.Image image, OciImage oci) {}

    private Images() {}

    /** CPU time of this JVM, all threads (Jib compresses layers on several), in nanoseconds. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static Path root() {
        String configured = System.getProperty("horenso.repo.root");
        return configured != null ? Path.of(configured) : BuildImages.repositoryRoot();
    }

    static Path work() {
        return root().resolve("deploy/target/image-test");
    }

    static synchronized JavaRuntime runtime() {
        if (runtime == null) {
            long start = System.nanoTime();
            Path home = work().resolve("java-runtime");
            BuildImages.delete(home);
            runtime = JavaRuntime.link(JavaRuntime.currentJdk(), home);
            System.out.printf("jlink (a process of its own): %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
        return runtime;
    }

    static synchronized ImageBuilder builder() {
        if (builder == null) {
            builder = new ImageBuilder(runtime(), work().resolve("work"));
        }
        return builder;
    }

    static synchronized Built of(String name) {
        return BUILT.computeIfAbsent(name, n -> {
            long start = System.nanoTime();
            long cpu = cpu();
            Deployable d = Deployable.in(root(), n);
            Path tarball = work().resolve(n + ".tar");
            ImageBuilder.Image image = builder().toTarball(d, RELEASE, tarball);
            OciImage oci = OciImage.read(tarball);
            System.out.printf(
                    "image %s: %d ms (CPU of this JVM %d ms)%n",
                    n, (System.nanoTime() - start) / 1_000_000, (cpu() - cpu) / 1_000_000);
            return new Built(d, tarball, image, oci);
        });
    }
}
