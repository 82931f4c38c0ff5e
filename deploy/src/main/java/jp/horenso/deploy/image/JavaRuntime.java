package jp.horenso.deploy.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java runtime of the images: {@code jlink} of the build's JDK with only the modules the five deployables use,
 * plus the operating system's shared libraries that runtime links against (the C library, zlib, …), taken from the
 * build machine, because the images start from nothing ({@code Jib.fromScratch()}).
 */
public final class JavaRuntime {

    /**
     * The JDK modules the deployables need: every module whose classes the five fast-jars name (checked by
     * JavaRuntimeTest, which reads their class files as jdeps does; only {@code jdk.compiler}, named by vert.x's
     * annotation processor, is left out), plus what is loaded by name at run time and no class file shows —
     * elliptic-curve TLS, DNS for JNDI, the extended charsets (Shift_JIS, ISO-2022-JP), Japanese locale data, zip
     * file systems, SASL/JAAS for the Kafka users, JFR/JMX for metrics.
     */
    public static final List<String> MODULES = List.of(
            "java.base",
            "java.compiler",
            "java.desktop",
            "java.instrument",
            "java.logging",
            "java.management",
            "java.naming",
            "java.net.http",
            "java.rmi",
            "java.scripting",
            "java.security.jgss",
            "java.security.sasl",
            "java.sql",
            "java.transaction.xa",
            "java.xml",
            "jdk.charsets",
            "jdk.crypto.ec",
            "jdk.jfr",
            "jdk.localedata",
            "jdk.management",
            "jdk.naming.dns",
            "jdk.net",
            "jdk.security.auth",
            "jdk.security.jgss",
            "jdk.unsupported",
            "jdk.zipfs");

    /** Libraries of java.desktop for a screen or sound, removed from the runtime (the images run headless). */
    static final List<String> WITHOUT_DISPLAY =
            List.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so");

    private static final Pattern LDD_FOUND = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x[0-9a-f]+\\)$");
    private static final Pattern LDD_LOADER = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)$");
    private static final Pattern LDD_MISSING = Pattern.compile("^\\s*(\\S+) => not found$");

    private final Path home;
    private final SortedSet<Path> systemLibraries;

    private JavaRuntime(Path home, SortedSet<Path> systemLibraries) {
        this.home = home;
        this.systemLibraries = systemLibraries;
    }

    /** Links the runtime into {@code target} (which must not exist) with the {@code jlink} of the given JDK. */
    public static JavaRuntime link(Path jdk, Path target) {
        Path jlink = jdk.resolve("bin/jlink");
        if (!canLink(jdk)) {
            throw new IllegalStateException(
                    jdk + " is not a JDK with jlink and jmods, nor a JDK 24+ that links from its"
                            + " own run-time image (a JRE cannot link a runtime)");
        }
        run(
                List.of(
                        jlink.toString(),
                        "--add-modules",
                        String.join(",", MODULES),
                        // Japanese and English only: the rest of the locale data is most of jdk.localedata's size.
                        "--include-locales=ja,en",
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        // no --compress: the image layer is gzipped anyway, and an uncompressed modules file starts
                        // faster
                        // No --generate-cds-archive: JDK 17 dumps a different classes.jsa each time (two links of the
                        // same JDK differed in 51,000 bytes), which would make the image differ from build to build.
                        "--output",
                        target.toString()),
                300);
        try {
            // A server without a display or a sound card: these link X11 and ALSA, the headless AWT needs none of them.
            for (String library : WITHOUT_DISPLAY) {
                Files.delete(target.resolve("lib").resolve(library));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(target);
    }

    /**
     * Whether {@code jdk} can link a runtime: it has {@code jlink} and either its {@code jmods}, or is JDK 24 or later,
     * whose jlink can link from the JDK's own run-time image (JEP 493; JDK builds without jmods, such as Temurin 25's,
     * rely on it — jlink itself says so when a build cannot).
     */
    static boolean canLink(Path jdk) {
        return Files.isExecutable(jdk.resolve("bin/jlink"))
                && (Files.isDirectory(jdk.resolve("jmods")) || featureVersion(jdk) >= 24);
    }

    /** The JDK's feature release from its {@code release} file ({@code JAVA_VERSION="25.0.3"} → 25), 0 if unknown. */
    static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring(line.indexOf('=') + 1)
                            .replace("\"", "")
                            .strip();
                    return Integer.parseInt(version.split("[.+\\-]", 2)[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** A runtime linked before (by {@link #link}). */
    public static JavaRuntime of(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("no bin/java in " + home);
        }
        return new JavaRuntime(home, systemLibrariesOf(home));
    }

    /** The JDK this build runs on. */
    public static Path currentJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    public Path home() {
        return home;
    }

    /** The absolute paths, on this machine and in the image alike, of the shared libraries the runtime needs. */
    public SortedSet<Path> systemLibraries() {
        return systemLibraries;
    }

    /** {@code ldd} of every executable and shared library of the runtime: what they need from outside it. */
    private static SortedSet<Path> systemLibrariesOf(Path home) {
        List<Path> elves = new ArrayList<>();
        Set<String> inside = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                inside.add(f.getFileName().toString());
                if (isElf(f)) {
                    elves.add(f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("ldd"));
        elves.forEach(e -> command.add(e.toString()));
        SortedSet<Path> libraries = new TreeSet<>();
        for (String line : run(command, 60).split("\n")) {
            Matcher found = LDD_FOUND.matcher(line);
            Matcher loader = LDD_LOADER.matcher(line);
            Matcher missing = LDD_MISSING.matcher(line);
            if (found.matches()) {
                Path library = Path.of(found.group(2));
                if (!library.startsWith(home)) {
                    libraries.add(library);
                }
            } else if (loader.matches()) {
                libraries.add(Path.of(loader.group(1)));
            } else if (missing.matches() && !inside.contains(missing.group(1))) {
                // libjvm.so and its siblings are "not found" for ldd but loaded by the launcher from the runtime
                throw new IllegalStateException("the runtime needs " + missing.group(1) + ", not on this machine");
            }
        }
        return libraries;
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a file of the runtime is executable (kept so in the image). */
    static boolean isExecutable(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command, int seconds) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " took longer than " + seconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (" + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
