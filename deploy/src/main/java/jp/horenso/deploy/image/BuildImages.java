package jp.horenso.deploy.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * コンテナイメージの作成 — builds the five deployables' images without a Docker daemon (deploy/images/build-images
 * runs this after packaging): links the Java runtime once, writes each image as an OCI tarball
 * {@code deploy/target/images/<name>.tar}, and with {@code --registry} also pushes it. Prints one line per image:
 * reference, digest, tarball.
 *
 * <pre>
 * BuildImages [--registry HOST[:PORT][/PATH]] [--insecure] [--version V] [--revision R] [--created ISO-8601]
 *             [--out DIR] [--jdk JDK_HOME] [NAME...]
 * </pre>
 *
 * Defaults: the root pom's version, the commit ({@code git rev-parse HEAD}, "-dirty" with uncommitted changes), the
 * creation time from {@code SOURCE_DATE_EPOCH} or else the commit's time, the JDK running this, all five names.
 */
public final class BuildImages {

    private BuildImages() {}

    public static void main(String[] args) {
        Path root = repositoryRoot();
        String registry = null;
        boolean insecure = false;
        String version = null;
        String revision = null;
        Instant created = null;
        Path out = root.resolve("deploy/target/images");
        Path jdk = JavaRuntime.currentJdk();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registry" -> registry = args[++i];
                case "--insecure" -> insecure = true;
                case "--version" -> version = args[++i];
                case "--revision" -> revision = args[++i];
                case "--created" -> created = Instant.parse(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--jdk" -> jdk = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || !Deployable.NAMES.contains(args[i])) {
                        System.err.println("不明な引数です / unknown argument: " + args[i] + " (" + Deployable.NAMES + ")");
                        System.exit(2);
                    }
                    names.add(args[i]);
                }
            }
        }
        ImageBuilder.Release release = new ImageBuilder.Release(
                version != null ? version : projectVersion(root),
                revision != null ? revision : revision(root),
                created != null ? created : created(root));
        List<Deployable> deployables = names.isEmpty()
                ? Deployable.all(root)
                : names.stream().map(n -> Deployable.in(root, n)).toList();
        deployables.forEach(Deployable::quarkusApp); // fail before linking when a module was not packaged

        Path runtimeHome = out.resolve("java-runtime");
        delete(runtimeHome);
        JavaRuntime runtime = JavaRuntime.link(jdk, runtimeHome);
        ImageBuilder builder = new ImageBuilder(runtime, out.resolve("work"));
        for (Deployable d : deployables) {
            Path tarball = out.resolve(d.name() + ".tar");
            ImageBuilder.Image image = builder.toTarball(d, release, tarball);
            Path shown = tarball.startsWith(root) ? root.relativize(tarball) : tarball;
            System.out.println(image.reference() + " " + image.digest() + " " + shown);
            if (registry != null) {
                ImageBuilder.Image pushed = builder.toRegistry(d, release, registry, insecure);
                System.out.println(pushed.reference() + " " + pushed.digest() + " pushed");
            }
        }
    }

    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("deploy/k8s")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("run this inside the repository");
    }

    /** The root pom's version (its first {@code <version>}: the root pom has no parent). */
    static String projectVersion(Path root) {
        try {
            Matcher m =
                    Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(root.resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no version in " + root.resolve("pom.xml"));
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit the images are built from; "-dirty" when the work tree has uncommitted changes. */
    static String revision(Path root) {
        Optional<String> head = git(root, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        boolean dirty = git(root, "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank())
                .orElse(false);
        return head.get() + (dirty ? "-dirty" : "");
    }

    /** {@code SOURCE_DATE_EPOCH} (the reproducible-builds convention), else the commit's time, else 1970. */
    static Instant created(Path root) {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            return Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        }
        return git(root, "log", "-1", "--format=%ct")
                .map(s -> Instant.ofEpochSecond(Long.parseLong(s)))
                .orElse(Instant.EPOCH);
    }

    private static Optional<String> git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
