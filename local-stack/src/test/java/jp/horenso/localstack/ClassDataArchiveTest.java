package jp.horenso.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive a packaged module starts with (issue 13): the trained one only while it fits the build, the
 * packaged one otherwise, and a training run's archive written at a SIGTERM and kept only once the JVM accepts it.
 * Real JVMs on a tiny "packaged application" laid out as Quarkus lays out target/quarkus-app (a runner jar whose
 * manifest names lib/boot; an app jar), a few seconds in all.
 */
class ClassDataArchiveTest {

    @TempDir
    Path module;

    @Test
    void aTrainingRunWritesTheArchiveAtSigtermAndLaterStartsUseItOnlyWhileItFitsTheBuild() throws Exception {
        Path app = packageApplication("first");

        // Nothing trained yet: the archive the build made; asked to train, a file of the run's own at exit.
        assertEquals(
                ClassDataArchive.Kind.PACKAGED,
                ServiceLaunch.of(module)
                        .classData(policy("TRAINED"))
                        .classDataChoice()
                        .kind());
        ServiceLaunch training = ServiceLaunch.of(module).classData(policy("TRAIN"));
        List<String> command = training.command();
        assertTrue(
                command.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=trained-cds.")),
                command::toString);
        assertFalse(command.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile")), command::toString);

        // The service runs until stopped: SIGTERM, as the local stack stops it; the JVM writes the archive as it exits.
        Process process = training.processBuilder().redirectErrorStream(true).start();
        Path log = module.resolve("training.log");
        awaitLine(process, "ready", log);
        process.destroy();
        assertTrue(process.waitFor(training.stopGrace().toSeconds(), TimeUnit.SECONDS));
        assertTrue(Files.isRegularFile(training.classDataChoice().trainingFile()), "written at a signal's exit");
        training.afterExit(true, log);
        assertTrue(Files.isRegularFile(app.resolve(ClassDataArchive.TRAINED_FILE)));
        assertEquals(List.of(), trainingFiles(app), "the run's own file is gone once kept");
        java.util.Properties stamp = new java.util.Properties();
        try (InputStream in = Files.newInputStream(app.resolve(ClassDataArchive.STAMP_FILE))) {
            stamp.load(in);
        }
        assertTrue(Integer.parseInt(stamp.getProperty("classes")) >= 1, "the program's class is in it: " + stamp);

        // The next start maps it (-Xshare:on would refuse to start otherwise).
        ServiceLaunch trained = ServiceLaunch.of(module).classData(policy("TRAINED"));
        assertTrue(trained.command().contains("-XX:SharedArchiveFile=trained-cds.jsa"), trained.command()::toString);
        assertEquals(0, runToEnd(trained, "-Xshare:on"));

        // The same sources packaged again: new time stamps, same content. It still fits; the runner jar's time stamp
        // is set back so the JVM, which compares time stamps, maps it; a packaged start gets the build's back.
        long built = Files.getLastModifiedTime(app.resolve("quarkus-run.jar")).toMillis();
        packageApplication("first");
        setMtime(app.resolve("quarkus-run.jar"), built + 60_000);
        ServiceLaunch again = ServiceLaunch.of(module).classData(policy("TRAINED"));
        assertEquals(ClassDataArchive.Kind.TRAINED, again.classDataChoice().kind());
        assertEquals(0, runToEnd(again, "-Xshare:on"));
        ServiceLaunch packaged = ServiceLaunch.of(module).classData(policy("PACKAGED"));
        assertTrue(packaged.command().contains("-XX:SharedArchiveFile=app-cds.jsa"), packaged.command()::toString);
        assertEquals(
                built + 60_000,
                Files.getLastModifiedTime(app.resolve("quarkus-run.jar")).toMillis());

        // Changed sources: it no longer fits; the packaged archive, or a new training run.
        packageApplication("second");
        assertEquals(
                ClassDataArchive.Kind.PACKAGED,
                ServiceLaunch.of(module)
                        .classData(policy("TRAINED"))
                        .classDataChoice()
                        .kind());
        assertEquals(
                ClassDataArchive.Kind.TRAINING,
                ServiceLaunch.of(module)
                        .classData(policy("TRAIN"))
                        .classDataChoice()
                        .kind());
    }

    @Test
    void anArchiveTheJvmRefusesNeverBreaksAStartAndAHalfWrittenOneIsNeverKept() throws Exception {
        Path app = packageApplication("first");
        ServiceLaunch training = ServiceLaunch.of(module).classData(policy("TRAIN"));
        assertEquals(0, runToEnd(training));
        training.afterExit(true, null);
        Path trained = app.resolve(ClassDataArchive.TRAINED_FILE);
        assertTrue(Files.isRegularFile(trained));

        // Started by hand with a class path whose time stamp changed: the JVM says so and starts without it.
        setMtime(app.resolve("quarkus-run.jar"), System.currentTimeMillis() + 120_000);
        Process stale = new ProcessBuilder(
                        java(),
                        "-Dhello.wait=false",
                        "-XX:SharedArchiveFile=trained-cds.jsa",
                        "-jar",
                        "quarkus-run.jar")
                .directory(app.toFile())
                .redirectErrorStream(true)
                .start();
        Path log = module.resolve("stale.log");
        Files.write(log, stale.getInputStream().readAllBytes());
        assertTrue(stale.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, stale.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("hello"), "it ran");
        assertTrue(ClassDataArchive.refusedIn(log), Files.readString(log));

        // A file cut short (a run killed while writing): the JVM refuses it, it is not kept, the trained one stays.
        // The launcher sees the same content and sets the time stamp back: it fits again.
        ClassDataArchive archives = ClassDataArchive.in(app);
        assertTrue(archives.fits());

        byte[] whole = Files.readAllBytes(trained);
        ClassDataArchive.Choice choice = new ClassDataArchive.Choice(
                ClassDataArchive.Kind.TRAINING, null, app.resolve("trained-cds.cut.tmp"), archives.buildState());
        Files.write(choice.trainingFile(), java.util.Arrays.copyOf(whole, whole.length / 2));
        String said = archives.keep(choice, true, List.of());
        assertTrue(said.contains("not kept"), said);
        assertFalse(Files.exists(choice.trainingFile()));
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(trained)));

        // A run that never got ready keeps nothing either.
        archives.forget();
        ServiceLaunch early = ServiceLaunch.of(module).classData(policy("TRAIN"));
        assertEquals(ClassDataArchive.Kind.TRAINING, early.classDataChoice().kind());
        assertEquals(0, runToEnd(early));
        early.afterExit(false, null);
        assertEquals(List.of(), trainingFiles(app));
        assertFalse(Files.exists(trained));
    }

    // ------------------------------------------------------------------------------------------------ the fixture

    /**
     * The program of the tiny application: says "ready" (and answers 200 on {@code -Dhello.port}, if given), then
     * waits to be stopped unless -Dhello.wait=false.
     */
    public static final class Hello implements com.sun.net.httpserver.HttpHandler {
        public static void main(String[] args) throws Exception {
            String port = System.getProperty("hello.port");
            if (port != null) {
                com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 0);
                server.createContext("/", new Hello());
                server.start();
            }
            System.out.println("hello, ready");
            System.out.flush();
            if (!"false".equals(System.getProperty("hello.wait"))) {
                Thread.sleep(60_000);
            }
        }

        @Override
        public void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
    }

    @Test
    void theLocalStacksChildProcessTrainsAndKeepsTheArchiveWhenItStopsAReadyService() throws Exception {
        Path app = packageApplication("first");
        int port = Ports.free();
        ServiceLaunch launch =
                ServiceLaunch.of(module).classData(policy("TRAIN")).jvmOptions(List.of("-Dhello.port=" + port));
        ChildProcess child = ChildProcess.start("hello", launch, module.resolve("hello.log"));
        assertTrue(child.trainsClassData());
        child.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", java.time.Duration.ofSeconds(60));
        child.close(); // SIGTERM through the watchdog; waits while the JVM writes; keeps it

        assertTrue(Files.isRegularFile(app.resolve(ClassDataArchive.TRAINED_FILE)), child.logTail());
        assertEquals(List.of(), trainingFiles(app));
        assertEquals(
                ClassDataArchive.Kind.TRAINED,
                ServiceLaunch.of(module)
                        .classData(policy("TRAIN"))
                        .classDataChoice()
                        .kind());
    }

    private static ClassDataArchive.Policy policy(String name) {
        return ClassDataArchive.Policy.valueOf(name);
    }

    /**
     * jvm.options and target/quarkus-app as Quarkus lays them out: quarkus-run.jar (manifest: main class, class path
     * lib/boot/boot.jar), lib/boot/boot.jar holding the program, app/app.jar holding {@code content}, app-cds.jsa.
     */
    private Path packageApplication(String content) throws IOException {
        Files.writeString(
                module.resolve("jvm.options"), "# test\n-XX:+UseSerialGC\n-XX:SharedArchiveFile=app-cds.jsa\n");
        Path app = module.resolve("target/quarkus-app");
        Files.createDirectories(app.resolve("lib/boot"));
        Files.createDirectories(app.resolve("app"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Hello.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/boot/boot.jar");
        try (JarOutputStream jar =
                new JarOutputStream(Files.newOutputStream(app.resolve("quarkus-run.jar")), manifest)) {
            // only the manifest, as Quarkus's runner jar
        }
        String name = Hello.class.getName().replace('.', '/') + ".class";
        try (InputStream bytes = Hello.class.getClassLoader().getResourceAsStream(name);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app.resolve("lib/boot/boot.jar")))) {
            jar.putNextEntry(new JarEntry(name));
            bytes.transferTo(jar);
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app.resolve("app/app.jar")))) {
            jar.putNextEntry(new JarEntry("content.txt"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
        }
        if (!Files.exists(app.resolve("app-cds.jsa"))) {
            Files.writeString(app.resolve("app-cds.jsa"), "not a real archive: only chosen here, never mapped");
        }
        return app;
    }

    private int runToEnd(ServiceLaunch launch, String... options) throws Exception {
        ProcessBuilder builder = launch.processBuilder().redirectErrorStream(true);
        List<String> command = new java.util.ArrayList<>(builder.command());
        command.add(1, "-Dhello.wait=false");
        command.addAll(1, List.of(options));
        Process process = builder.command(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(launch.stopGrace().toSeconds(), TimeUnit.SECONDS));
        assertTrue(output.contains("hello"), output);
        return process.exitValue();
    }

    private static void awaitLine(Process process, String text, Path log) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                Files.writeString(log, seen);
                // The rest of the output is drained so that the program never blocks writing it.
                Thread drain = new Thread(() -> {
                    try (OutputStream sink = OutputStream.nullOutputStream()) {
                        process.getInputStream().transferTo(sink);
                    } catch (IOException ignored) {
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the program ended before saying " + text + ":\n" + seen);
    }

    private static List<Path> trainingFiles(Path app) throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    private static void setMtime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }

    /** The JDK the launches of this test run on (HORENSO_SERVICE_JAVA_HOME, else this JVM): one JDK throughout. */
    private static String java() {
        return ServiceJava.fromEnvironment().executable();
    }
}
