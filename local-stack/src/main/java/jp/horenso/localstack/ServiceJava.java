package jp.horenso.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java runtime the packaged services run on: the JDK named by {@value #ENV} when it is set, else the launcher's
 * own. The services are built for Java 17 and run on any later JDK; a newer one starts them sooner (JDK 25: see
 * docs/benchmarks.md, "Start-up on JDK 25"), so an installation can run them on it without changing the JDK that
 * builds them.
 *
 * @param home the JDK's folder (the one holding {@code bin/java} and {@code release})
 * @param version the runtime's full version ({@code 25.0.3+9-LTS}): with the folder, what a class-data archive
 *        is bound to
 */
public record ServiceJava(Path home, String version) {

    /** The environment variable that names the services' JDK. */
    public static final String ENV = "HORENSO_SERVICE_JAVA_HOME";

    /** The launcher's own JVM. */
    public static ServiceJava launcher() {
        return new ServiceJava(Path.of(System.getProperty("java.home")), System.getProperty("java.vm.version"));
    }

    /** {@value #ENV} when set (and not blank), else {@link #launcher()}. */
    public static ServiceJava fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ServiceJava fromEnvironment(Map<String, String> environment) {
        String home = environment.getOrDefault(ENV, "").strip();
        return home.isEmpty() ? launcher() : of(Path.of(home));
    }

    /**
     * The JDK in {@code home}; its version is read from its {@code release} file. Throws when {@code home} holds no
     * {@code bin/java} or no runtime version, so a mistyped folder stops the launch at once.
     */
    public static ServiceJava of(Path home) {
        Path folder = home.toAbsolutePath().normalize();
        ServiceJava launcher = launcher();
        if (folder.equals(launcher.home().toAbsolutePath().normalize())) {
            return launcher;
        }
        if (!Files.isExecutable(folder.resolve("bin/java"))) {
            throw new IllegalArgumentException(ENV + ": no bin/java in " + folder);
        }
        return new ServiceJava(folder, runtimeVersion(folder));
    }

    /** The {@code java} program. */
    public String executable() {
        return home.resolve("bin/java").toString();
    }

    /** The feature release: 17, 21, 25, … */
    public int feature() {
        return Integer.parseInt(version.split("[.+\\-]", 2)[0]);
    }

    /** What a class-data archive written by this runtime is bound to: its folder and full version. */
    public String identity() {
        return home + " " + version;
    }

    /**
     * {@code JAVA_RUNTIME_VERSION} of the {@code release} file (a JDK's), else {@code JAVA_VERSION} (all a runtime
     * made by jlink says, e.g. the container images' {@code java-runtime}).
     */
    private static String runtimeVersion(Path home) {
        Path release = home.resolve("release");
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(release)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(
                            line.substring(0, equals),
                            line.substring(equals + 1).replace("\"", "").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(ENV + ": cannot read " + release, e);
        }
        String version = values.getOrDefault("JAVA_RUNTIME_VERSION", values.get("JAVA_VERSION"));
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException(ENV + ": no JAVA_RUNTIME_VERSION nor JAVA_VERSION in " + release);
        }
        return version;
    }
}
