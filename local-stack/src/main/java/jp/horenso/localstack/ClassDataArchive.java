package jp.horenso.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class-data archive a packaged service starts with (issue 13; docs/benchmarks.md, "Memory and start-up").
 *
 * <p>Two archives can sit in a service's {@code target/quarkus-app}:
 * <ul>
 *   <li>{@code app-cds.jsa}, made by Quarkus at package time before the application initialises: ~4,000 classes;
 *   <li>{@code trained-cds.jsa}, written by the JVM when a real run of the service ends
 *       ({@code -XX:ArchiveClassesAtExit}, on top of the JDK's own archive): ~11,500 classes, everything the start and
 *       the first requests loaded (Hibernate's boot, Flyway, the Kafka clients, Netty, Jackson …).
 * </ul>
 * The trained archive is used only when it fits: made by this JDK, from this build's content
 * ({@code trained-cds.properties} beside it holds a fingerprint of every jar's entries and their CRCs, so a rebuild
 * of the same sources still fits although the jars' time stamps changed). The JVM itself refuses an archive whose
 * class path's time stamps differ (it cannot see that the content is the same), so when the content fits but the
 * time stamps of {@code quarkus-run.jar} and {@code lib/boot/*.jar} changed, they are set back to the ones the
 * archive was made with (and restored for a start with the packaged archive, which the build made with the new
 * ones). Whatever is wrong with an archive, the JVM runs with {@code -Xshare:auto}: it prints a warning and starts
 * without it; {@link #refusedIn} reads that warning so that the next training run replaces the archive.
 *
 * <p>A training run writes under a name of its own ({@code trained-cds.<id>.tmp}); after the JVM exited,
 * {@link #keep} checks the file with the JVM ({@code -XX:+PrintSharedArchiveAndExit}, {@code -Xshare:on}: a file
 * half written by a killed run, or of the wrong class path, fails) and only then renames it into place.
 */
public final class ClassDataArchive {

    /** The archive Quarkus makes at package time ({@code quarkus.package.jar.appcds.enabled}). */
    public static final String PACKAGED_FILE = "app-cds.jsa";
    /** The archive a training run wrote at its exit. */
    public static final String TRAINED_FILE = "trained-cds.jsa";
    /** What the trained archive was made from: JDK, content fingerprint, class path time stamps. */
    public static final String STAMP_FILE = "trained-cds.properties";

    private static final String TEMP_PREFIX = "trained-cds.";
    /** A class in the JVM's listing of an archive: {@code 1000: io.quarkus.Foo unregistered_loader}. */
    private static final java.util.regex.Pattern CLASS_LINE = java.util.regex.Pattern.compile("\\d+: \\S+ \\S+_loader");

    private static final String TEMP_SUFFIX = ".tmp";
    /** A training file older than this was left by a run that never came back to keep it (its launcher died). */
    private static final Duration ORPHANED = Duration.ofMinutes(30);

    /** What a launch does about the class-data archive. */
    public enum Policy {
        /** The archive the build made ({@code app-cds.jsa}), as before training existed. */
        PACKAGED,
        /** The trained archive when one fits this build and JDK, otherwise the packaged one. */
        TRAINED,
        /**
         * The trained archive when one fits, otherwise this run trains one: the JVM writes it when it exits (a
         * graceful stop), and it is kept if the service had been ready.
         */
        TRAIN;

        /** The environment variable that overrides a caller's policy: {@code packaged}, {@code trained}, {@code train}. */
        public static final String ENVIRONMENT_VARIABLE = "HORENSO_CLASS_DATA";

        /** {@code HORENSO_CLASS_DATA} when set (e.g. to compare builds without a trained archive), else {@code otherwise}. */
        public static Policy fromEnvironment(Policy otherwise) {
            String value = System.getenv(ENVIRONMENT_VARIABLE);
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            return Policy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }

        /** {@link #TRAINED} instead of {@link #TRAIN}: for a caller that does not report the end of its starts. */
        public Policy withoutTraining() {
            return this == TRAIN ? TRAINED : this;
        }
    }

    /** What a start runs with. */
    public enum Kind {
        /** No application archive (a build without one): the JDK's own archive only. */
        NONE,
        /** {@code app-cds.jsa}. */
        PACKAGED,
        /** {@code trained-cds.jsa}. */
        TRAINED,
        /** No application archive at start; the JVM writes one at its exit ({@code -XX:ArchiveClassesAtExit}). */
        TRAINING
    }

    /**
     * The choice for one start: the JVM option it needs ({@code null} for none), and for a training run the file the
     * JVM writes and the state of the build it was started from.
     */
    public record Choice(Kind kind, String option, Path trainingFile, String buildAtStart) {}

    private final Path app;
    private final ServiceJava runtime;

    private ClassDataArchive(Path app, ServiceJava java) {
        this.app = app;
        this.runtime = java;
    }

    /**
     * The archives of the packaged application in {@code app} (a module's {@code target/quarkus-app}), for the JDK
     * the services run on ({@link ServiceJava#fromEnvironment()}).
     */
    public static ClassDataArchive in(Path app) {
        return in(app, ServiceJava.fromEnvironment());
    }

    /** The archives of the packaged application in {@code app} as {@code java} runs it. */
    public static ClassDataArchive in(Path app, ServiceJava java) {
        return new ClassDataArchive(app.toAbsolutePath().normalize(), java);
    }

    public Path packaged() {
        return app.resolve(PACKAGED_FILE);
    }

    public Path trained() {
        return app.resolve(TRAINED_FILE);
    }

    /** What a start under {@code policy} runs with (and, for a trained archive, its class path's time stamps set). */
    public Choice choose(Policy policy) {
        if (policy != Policy.PACKAGED && fits()) {
            return new Choice(Kind.TRAINED, "-XX:SharedArchiveFile=" + TRAINED_FILE, null, null);
        }
        if (policy == Policy.TRAIN) {
            removeOrphans();
            Path file = app.resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime()) + TEMP_SUFFIX);
            return new Choice(Kind.TRAINING, "-XX:ArchiveClassesAtExit=" + file.getFileName(), file, buildState());
        }
        restoreBuildTimes();
        return Files.isRegularFile(packaged())
                ? new Choice(Kind.PACKAGED, "-XX:SharedArchiveFile=" + PACKAGED_FILE, null, null)
                : new Choice(Kind.NONE, null, null, null);
    }

    /**
     * Whether {@code trained-cds.jsa} fits this JDK and this build's content. When only the class path's time
     * stamps differ from the ones it was made with (the same sources packaged again), they are set back.
     */
    public synchronized boolean fits() {
        Properties stamp = stamp();
        if (stamp == null
                || !Files.isRegularFile(trained())
                || !runtime.identity().equals(stamp.getProperty("jdk"))) {
            return false;
        }
        String state = buildState();
        if (!state.equals(stamp.getProperty("build"))) {
            if (!content().equals(stamp.getProperty("content"))) {
                return false;
            }
            Map<String, String> build = new TreeMap<>();
            for (Path file : classPath()) {
                String recorded = stamp.getProperty("mtime." + relative(file));
                long now = mtime(file);
                if (recorded != null && Long.parseLong(recorded) != now) {
                    build.put(relative(file), Long.toString(now));
                    setMtime(file, Long.parseLong(recorded));
                }
            }
            // The packaged archive of this build was made with the new time stamps: kept to restore them for it.
            build.forEach((file, mtime) -> stamp.setProperty("build-mtime." + file, mtime));
            stamp.setProperty("build", buildState());
            writeStamp(stamp);
        }
        return true;
    }

    /**
     * After a training run's JVM exited: keeps its archive as {@code trained-cds.jsa} when the run had been ready,
     * the build did not change meanwhile, and the JVM accepts the file ({@code jvmOptions}: the options the service
     * runs with, without any archive option); otherwise deletes it. Returns what happened, for the log.
     */
    public synchronized String keep(Choice training, boolean wasReady, List<String> jvmOptions) {
        Path file = training.trainingFile();
        try {
            if (!Files.isRegularFile(file)) {
                return "no class-data archive was written (the JVM did not exit normally)";
            }
            if (!wasReady) {
                return "class-data archive of a run that never got ready: not kept";
            }
            if (!training.buildAtStart().equals(buildState())) {
                return "the build changed during the training run: its class-data archive is not kept";
            }
            Check check = check(file, jvmOptions);
            if (!check.valid()) {
                return "the JVM refuses the written class-data archive (" + check.detail() + "): not kept";
            }
            Properties stamp = new Properties();
            stamp.setProperty("jdk", runtime.identity());
            stamp.setProperty("content", content());
            stamp.setProperty("build", buildState());
            for (Path cp : classPath()) {
                stamp.setProperty("mtime." + relative(cp), Long.toString(mtime(cp)));
            }
            stamp.setProperty("classes", Integer.toString(check.classes()));
            stamp.setProperty("trained", Instant.now().toString());
            Files.deleteIfExists(app.resolve(STAMP_FILE));
            move(file, trained());
            writeStamp(stamp);
            return String.format(
                    Locale.ROOT,
                    "trained class-data archive kept: %s, %,d classes, %d MB",
                    TRAINED_FILE,
                    check.classes(),
                    Files.size(trained()) / (1024 * 1024));
        } catch (IOException e) {
            return "could not keep the class-data archive: " + e;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // removed as an orphan by a later training start
            }
        }
    }

    /**
     * Whether a service's output shows that the JVM did not map an application archive it was given (a warning of
     * {@code -Xshare:auto}).
     */
    public static boolean refusedIn(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.limit(200)
                    .anyMatch(l -> l.contains("[cds")
                            && (l.contains("warning") || l.contains("error"))
                            && !l.contains("Archived non-system classes are disabled"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Forgets the trained archive (the JVM refused it): the next training start makes a new one. */
    public synchronized void forget() {
        try {
            Files.deleteIfExists(app.resolve(STAMP_FILE));
            Files.deleteIfExists(trained());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ checking

    /** What the JVM says of an archive file: whether it maps it, and how many classes it holds. */
    record Check(boolean valid, int classes, String detail) {}

    /**
     * Asks the JVM whether it maps {@code file} with this class path ({@code -Xshare:on} fails instead of going on
     * without it, {@code -XX:+VerifySharedSpaces} checks the regions' checksums): {@code
     * -XX:+PrintSharedArchiveAndExit} lists the archived classes and exits.
     */
    Check check(Path file, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(runtime.executable());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Xshare:on",
                "-XX:+VerifySharedSpaces",
                "-XX:SharedArchiveFile=" + app.relativize(file),
                "-XX:+PrintSharedArchiveAndExit",
                "-jar",
                "quarkus-run.jar"));
        Process process = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .start();
        // "Base archive name: …", its classes, "Dynamic archive name: …", its classes ("  14: a.B app_loader"), …,
        // "archive is valid" or "archive is invalid".
        int classes = 0;
        boolean dynamic = false;
        boolean valid = false;
        String last = "";
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String text = line.strip();
                if (text.startsWith("Dynamic archive name")) {
                    dynamic = true;
                } else if (dynamic && CLASS_LINE.matcher(text).matches()) {
                    classes++;
                } else if (text.equals("archive is valid")) {
                    valid = true;
                } else if (!text.isEmpty() && !text.startsWith("[")) {
                    last = text;
                }
            }
        }
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Check(false, classes, "no answer within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Check(false, classes, "interrupted");
        }
        return new Check(valid && process.exitValue() == 0, classes, last);
    }

    // ------------------------------------------------------------------------------------------------ the build

    /** Name, size and time stamp of every file of the packaged application (quick: no file is read). */
    String buildState() {
        MessageDigest digest = sha256();
        for (Path file : applicationFiles()) {
            try {
                digest.update((relative(file) + " " + Files.size(file) + " " + mtime(file) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The content of the packaged application, blind to time stamps: every jar's entries by name, size and CRC (read
     * from the jar's directory, not unpacked), every other file's CRC; Quarkus's generated-class jars left out.
     */
    String content() {
        MessageDigest digest = sha256();
        for (Path file : applicationFiles()) {
            if (file.getParent().getFileName().toString().equals("quarkus")
                    && file.getFileName().toString().endsWith("-bytecode.jar")) {
                // Quarkus's generated classes differ from build to build of the same sources (~150 of 1,800 here);
                // they follow from the application jar and the libraries, which are compared. The JVM checks each
                // archived class of the runner's class loader against the bytes it is given (size and CRC), so a
                // generated class that changed is read from the jar, never taken stale from the archive.
                continue;
            }
            StringBuilder line = new StringBuilder(relative(file));
            if (file.getFileName().toString().endsWith(".jar")) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    TreeMap<String, String> entries = new TreeMap<>();
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        if (!entry.isDirectory()) {
                            entries.put(entry.getName(), entry.getSize() + ":" + Long.toHexString(entry.getCrc()));
                        }
                    }
                    entries.forEach((name, sum) ->
                            line.append(' ').append(name).append('=').append(sum));
                } catch (IOException e) {
                    line.append(" unreadable");
                }
            } else {
                line.append(' ').append(Long.toHexString(crc(file)));
            }
            digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The files the JVM checks by size and time stamp: {@code quarkus-run.jar} and its manifest's class path. */
    List<Path> classPath() {
        List<Path> files = new ArrayList<>();
        files.add(app.resolve("quarkus-run.jar"));
        try (DirectoryStream<Path> boot = Files.newDirectoryStream(app.resolve("lib/boot"), "*.jar")) {
            boot.forEach(files::add);
        } catch (IOException e) {
            // no lib/boot: only the runner jar
        }
        files.sort(null);
        return files;
    }

    /** Every file of the packaged application but the archives, the stamp and training files, in a fixed order. */
    private List<Path> applicationFiles() {
        try (Stream<Path> files = Files.walk(app)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.endsWith(".jsa") && !name.endsWith(TEMP_SUFFIX) && !name.equals(STAMP_FILE);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the class path the time stamps the build made back, for a start with the packaged archive, when
     * {@link #fits} had set them to the trained archive's (the stamp keeps both; the next trained start sets them again).
     */
    private synchronized void restoreBuildTimes() {
        Properties stamp = stamp();
        if (stamp == null) {
            return;
        }
        for (Path file : classPath()) {
            String trainedWith = stamp.getProperty("mtime." + relative(file));
            String built = stamp.getProperty("build-mtime." + relative(file));
            if (built != null && trainedWith != null && mtime(file) == Long.parseLong(trainedWith)) {
                setMtime(file, Long.parseLong(built));
            }
        }
    }

    private void removeOrphans() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(app, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            Instant old = Instant.now().minus(ORPHANED);
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(old)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // nothing to tidy
        }
    }

    private Properties stamp() {
        Path file = app.resolve(STAMP_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties stamp = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            stamp.load(in);
            return stamp;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void writeStamp(Properties stamp) {
        Path file = app.resolve(STAMP_FILE);
        Path temp = app.resolve(STAMP_FILE + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
        try {
            try (var out = Files.newOutputStream(temp)) {
                stamp.store(out, "the trained class-data archive " + TRAINED_FILE + " (local-stack ClassDataArchive)");
            }
            move(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String relative(Path file) {
        return app.relativize(file).toString();
    }

    private static long mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void setMtime(Path file, long millis) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long crc(Path file) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crc.getValue();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
