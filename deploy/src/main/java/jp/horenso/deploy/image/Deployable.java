package jp.horenso.deploy.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the five deployables (a Quarkus fast-jar): its module directory, its build output
 * ({@code target/quarkus-app}), the JVM options of its {@code jvm.options} that belong in the image, and its HTTP port.
 */
public record Deployable(String name, Path module) {

    /** The five deployables, as the Kubernetes manifests name them (deploy/k8s/base/apps). */
    public static final List<String> NAMES =
            List.of("incident-service", "escalation-service", "notification-service", "web", "public-site");

    private static final Pattern HTTP_PORT =
            Pattern.compile("(?m)^quarkus\\.http\\.port=(?:\\$\\{[A-Z_]+:)?(\\d+)}?\\s*$");

    public static Deployable in(Path repositoryRoot, String name) {
        return new Deployable(name, repositoryRoot.resolve(name));
    }

    public static List<Deployable> all(Path repositoryRoot) {
        return NAMES.stream().map(n -> in(repositoryRoot, n)).toList();
    }

    /** The fast-jar the Quarkus build wrote; fails, saying how to make it, when the module was not packaged. */
    public Path quarkusApp() {
        Path app = module.resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + "/quarkus-run.jar がありません（先にパッケージしてください） / is missing:"
                    + " package it first (./mvnw -B -pl " + name + " -am package -DskipTests, or ./mvnw -B verify)");
        }
        return app;
    }

    /**
     * The options of {@code jvm.options} the image runs with. Left out: the heap's size ({@code -Xms}, {@code -Xmx}:
     * in a pod the container's memory limit sets it, {@code -XX:MaxRAMPercentage} in the manifests) and the class-data
     * archive {@code app-cds.jsa} (made at package time with the build machine's whole JDK; a JVM of the jlinked
     * runtime refuses it as another runtime's archive, so it is not in the image). Kept: the collector, the compiler
     * level, the code cache and the heap's give-back ratios.
     */
    public List<String> imageJvmOptions() {
        Path file = module.resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .filter(l -> !l.startsWith("-Xms") && !l.startsWith("-Xmx"))
                    .filter(l -> !l.startsWith("-XX:SharedArchiveFile"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP port of {@code application.properties} ({@code quarkus.http.port}, or its default). */
    public OptionalInt httpPort() {
        Path properties = module.resolve("src/main/resources/application.properties");
        try {
            Matcher m = HTTP_PORT.matcher(Files.readString(properties));
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
