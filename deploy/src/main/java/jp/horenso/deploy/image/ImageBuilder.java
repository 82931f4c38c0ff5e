package jp.horenso.deploy.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Builds the OCI image of a deployable with jib-core, from nothing ({@code Jib.fromScratch()}: no base image to pull,
 * no Docker daemon), in four layers, least often changed first:
 *
 * <ol>
 *   <li>{@code os}: the shared libraries the Java runtime links against (from the build machine), {@code /etc/passwd}
 *       and {@code /etc/group} naming user 185, the C.UTF-8 locale, an empty {@code /tmp} owned by 185;
 *   <li>{@code java-runtime}: the jlinked runtime at {@code /opt/java} ({@link JavaRuntime});
 *   <li>{@code dependencies}: the fast-jar's {@code lib/} at {@code /deployments/lib};
 *   <li>{@code application}: {@code quarkus/}, {@code app/} and {@code quarkus-run.jar} at {@code /deployments}.
 * </ol>
 *
 * Everything is owned by root and writable by nobody but root, except {@code /tmp}: the process (user 185) cannot
 * change its own code, and the root file system can be mounted read-only (the manifests do). File times, the image's
 * creation time and the layers' order are fixed, so the same inputs give the same image digest.
 */
public final class ImageBuilder {

    public static final String USER = "185";
    public static final String GROUP = "185";
    public static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");
    public static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");
    public static final String REPOSITORY = "horenso";

    private static final String ROOT = "0:0";
    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("644");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final Instant FILE_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
    /** The C library's locale for UTF-8 (file names, standard output): JDK 17 takes its encodings from it. */
    private static final Path UTF8_LOCALE = Path.of("/usr/lib/locale/C.utf8");

    private final JavaRuntime runtime;
    private final Path work;

    /**
     * @param runtime the jlinked runtime every image gets
     * @param work a directory of the build's own (the generated {@code /etc} files, Jib's layer cache)
     */
    public ImageBuilder(JavaRuntime runtime, Path work) {
        this.runtime = runtime;
        this.work = work;
    }

    /** What the image says about itself: the release, the commit, and the creation time (fixed: reproducible). */
    public record Release(String version, String revision, Instant created) {}

    /** An image written or pushed. */
    public record Image(String name, String reference, String digest, String imageId) {}

    /** The image's plan: layers, entrypoint, user, labels. */
    public JibContainerBuilder plan(Deployable deployable, Release release) {
        Path app = deployable.quarkusApp();
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(JAVA_HOME.resolve("bin/java").toString());
        // no display in a pod: AWT (the PDF documents' images) runs headless, without the X11 libraries
        entrypoint.add("-Djava.awt.headless=true");
        entrypoint.addAll(deployable.imageJvmOptions());
        entrypoint.add("-jar");
        entrypoint.add(DEPLOYMENTS.resolve("quarkus-run.jar").toString());

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "horenso-" + deployable.name());
        labels.put("org.opencontainers.image.description", "Horenso (報連相) " + deployable.name());
        labels.put("org.opencontainers.image.version", release.version());
        labels.put("org.opencontainers.image.revision", release.revision());
        labels.put("org.opencontainers.image.created", release.created().toString());
        labels.put("org.opencontainers.image.vendor", "Horenso");
        labels.put("jp.horenso.java.version", javaVersion());

        // in a fixed order (Map.of's order changes from one JVM to the next, and with it the image's digest)
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", JAVA_HOME.toString());
        environment.put("PATH", JAVA_HOME.resolve("bin") + ":/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");

        JibContainerBuilder plan = Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                .setCreationTime(release.created())
                .setUser(USER + ":" + GROUP)
                .setWorkingDirectory(DEPLOYMENTS)
                .setEntrypoint(entrypoint)
                .setEnvironment(environment)
                .setLabels(labels)
                .addFileEntriesLayer(osLayer())
                .addFileEntriesLayer(tree("java-runtime", runtime.home(), JAVA_HOME))
                .addFileEntriesLayer(tree("dependencies", app.resolve("lib"), DEPLOYMENTS.resolve("lib")))
                .addFileEntriesLayer(applicationLayer(app));
        deployable.httpPort().ifPresent(p -> plan.addExposedPort(Port.tcp(p)));
        return plan;
    }

    /** Writes the image as an OCI image tarball ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}). */
    public Image toTarball(Deployable deployable, Release release, Path tarball) {
        String reference = REPOSITORY + "/" + deployable.name() + ":" + release.version();
        try {
            TarImage target = TarImage.at(tarball).named(reference);
            return containerize(deployable, plan(deployable, release), Containerizer.to(target), reference);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Pushes the image to {@code <registry>/horenso/<name>:<version>}. Credentials: {@code HORENSO_REGISTRY_USERNAME}
     * and {@code HORENSO_REGISTRY_PASSWORD} when set, else the Docker configuration ({@code ~/.docker/config.json},
     * credential helpers) as {@code docker login} or {@code podman login} left it. Not exercised by the tests: this
     * project's machines reach no registry.
     */
    public Image toRegistry(Deployable deployable, Release release, String registry, boolean allowInsecure) {
        String reference = registry + "/" + REPOSITORY + "/" + deployable.name() + ":" + release.version();
        try {
            ImageReference ref = ImageReference.parse(reference);
            RegistryImage target = RegistryImage.named(ref);
            String username = System.getenv("HORENSO_REGISTRY_USERNAME");
            String password = System.getenv("HORENSO_REGISTRY_PASSWORD");
            if (username != null && password != null) {
                target.addCredential(username, password);
            } else {
                target.addCredentialRetriever(
                        CredentialRetrieverFactory.forImage(ref, e -> {}).dockerConfig());
            }
            Containerizer to = Containerizer.to(target).setAllowInsecureRegistries(allowInsecure);
            return containerize(deployable, plan(deployable, release), to, reference);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Image containerize(Deployable deployable, JibContainerBuilder plan, Containerizer to, String reference) {
        try {
            JibContainer container = plan.containerize(to.setToolName("horenso-build-images")
                    .setToolVersion("1")
                    .setApplicationLayersCache(work.resolve("layer-cache"))
                    .setBaseImageLayersCache(work.resolve("base-cache")));
            return new Image(
                    deployable.name(),
                    reference,
                    container.getDigest().toString(),
                    container.getImageId().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | RegistryException | CacheDirectoryCreationException e) {
            throw new IllegalStateException("image of " + deployable.name() + ": " + e.getMessage(), e);
        }
    }

    private FileEntriesLayer osLayer() {
        Path etc = work.resolve("etc");
        Path tmp = work.resolve("empty-tmp");
        try {
            Files.createDirectories(etc);
            Files.createDirectories(tmp);
            Files.writeString(
                    etc.resolve("passwd"),
                    "root:x:0:0:root:/root:/sbin/nologin\n" + "horenso:x:" + USER + ":" + GROUP
                            + ":Horenso:/tmp:/sbin/nologin\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\nhorenso:x:" + GROUP + ":\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("os");
        for (Path library : runtime.systemLibraries()) {
            // the path the dynamic loader looks at, with the content of the file it names (symbolic links resolved)
            layer.addEntry(new FileEntry(library, AbsoluteUnixPath.fromPath(library), EXECUTABLE, FILE_TIME, ROOT));
        }
        layer.addEntry(
                new FileEntry(etc.resolve("passwd"), AbsoluteUnixPath.get("/etc/passwd"), READ_ONLY, FILE_TIME, ROOT));
        layer.addEntry(
                new FileEntry(etc.resolve("group"), AbsoluteUnixPath.get("/etc/group"), READ_ONLY, FILE_TIME, ROOT));
        if (Files.isDirectory(UTF8_LOCALE)) {
            addTree(layer, UTF8_LOCALE, AbsoluteUnixPath.fromPath(UTF8_LOCALE));
        }
        // the only writable place; in a pod an emptyDir is mounted over it (the root file system is read-only)
        layer.addEntry(new FileEntry(
                tmp,
                AbsoluteUnixPath.get("/tmp"),
                FilePermissions.fromOctalString("700"),
                FILE_TIME,
                USER + ":" + GROUP));
        return layer.build();
    }

    private static FileEntriesLayer applicationLayer(Path app) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application");
        addTree(layer, app.resolve("quarkus"), DEPLOYMENTS.resolve("quarkus"));
        addTree(layer, app.resolve("app"), DEPLOYMENTS.resolve("app"));
        layer.addEntry(new FileEntry(
                app.resolve("quarkus-run.jar"), DEPLOYMENTS.resolve("quarkus-run.jar"), READ_ONLY, FILE_TIME, ROOT));
        return layer.build();
    }

    private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        addTree(layer, source, target);
        return layer.build();
    }

    /** Every directory and file under {@code source}, in name order, owned by root, executables kept executable. */
    private static void addTree(FileEntriesLayer.Builder layer, Path source, AbsoluteUnixPath target) {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("no directory " + source);
        }
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.sorted(Comparator.comparing(Path::toString)).toList()) {
                AbsoluteUnixPath in = target;
                for (Path part : source.relativize(p)) {
                    if (!part.toString().isEmpty()) {
                        in = in.resolve(part.toString());
                    }
                }
                boolean directory = Files.isDirectory(p);
                FilePermissions permissions = directory || JavaRuntime.isExecutable(p) ? EXECUTABLE : READ_ONLY;
                layer.addEntry(new FileEntry(p, in, permissions, FILE_TIME, ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private String javaVersion() {
        try {
            return Files.readAllLines(runtime.home().resolve("release")).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", ""))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
