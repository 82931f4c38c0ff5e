package jp.horenso.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program started by the local stack or a test (Keycloak, a packaged service) that never outlives its
 * parent: a small shell watchdog ends it when this JVM is gone, even after a {@code kill -9}.
 */
public final class ChildProcess implements AutoCloseable {

    private static final String WATCHDOG = "\"$@\" & child=$!; "
            + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT; "
            + "while kill -0 $HORENSO_PARENT_PID 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done; "
            + "kill $child 2>/dev/null; wait $child";

    private final String name;
    private final Process process;
    private final Path logFile;
    /** How it was launched, when by {@link #start(String, ServiceLaunch, Path)}: told when the program ended. */
    private final ServiceLaunch launch;

    private volatile boolean ready;
    private boolean stopRequested;
    private boolean ended;

    private ChildProcess(String name, Process process, Path logFile, ServiceLaunch launch) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.launch = launch;
    }

    /**
     * Starts a packaged module as {@code launch} says (command, folder, environment), its output going to
     * {@code logFile}; when it has stopped, {@link ServiceLaunch#afterExit} is told whether it had been ready.
     */
    public static ChildProcess start(String name, ServiceLaunch launch, Path logFile) {
        return start(name, launch.command(), launch.environment(), launch.directory(), logFile, launch);
    }

    /** Starts {@code command} with extra environment variables, its output going to {@code logFile}. */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        return start(name, command, environment, workDir, logFile, null);
    }

    private static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path logFile,
            ServiceLaunch launch) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        builder.environment()
                .put("HORENSO_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(logFile.getParent());
            return new ChildProcess(name, builder.start(), logFile, launch);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code url} answers 200, failing early with the log's tail if the program died. */
    public ChildProcess awaitHttpOk(String url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    ready = true;
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " was not ready at " + url + " within " + timeout + ":\n" + logTail());
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the program's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills the program with SIGKILL ({@code kill -9}: no shutdown hook, no goodbye to the broker or the database)
     * and waits until it and its watchdog are gone.
     */
    public void kill9() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended(false);
    }

    /** The program's process id (the JVM under the watchdog), when it runs. */
    public java.util.Optional<Long> programPid() {
        return process.children().findFirst().map(ProcessHandle::pid);
    }

    /**
     * Asks the program to stop (SIGTERM) without waiting: several programs that take long to exit (a training run
     * writes its class-data archive then) stop side by side; {@link #close} then waits.
     */
    public synchronized void requestStop() {
        if (!stopRequested) {
            stopRequested = true;
            process.destroy();
        }
    }

    /** Whether the program writes its class-data archive when it stops (the first run of a build; minutes here). */
    public boolean trainsClassData() {
        return launch != null && launch.classDataChoice().kind() == ClassDataArchive.Kind.TRAINING;
    }

    /**
     * Stops the program gracefully, forcibly after 30 seconds (10 minutes for a training run, which writes its
     * class-data archive while it exits); then tells its launch ({@link ServiceLaunch#afterExit}).
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        // The program is the watchdog's first child (its loop's sleeps come after it).
        java.util.Optional<ProcessHandle> program = process.children().findFirst();
        Duration grace = launch == null ? Duration.ofSeconds(30) : launch.stopGrace();
        if (trainsClassData() && process.isAlive()) {
            System.out.println("[local-stack] " + name + ": stopping; the JVM writes its class-data archive as it"
                    + " exits (the first run of a build only) …");
        }
        requestStop();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
            }
            // The program itself, should the watchdog have gone first: never killed while it still writes.
            long left = deadline - System.nanoTime();
            if (program.isPresent() && program.get().isAlive() && left > 0) {
                program.get().onExit().get(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // killed below
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        ended(ready);
    }

    /** Tells the launch, once, that the program ended (a training run's archive is kept or dropped then). */
    private synchronized void ended(boolean wasReady) {
        if (!ended && launch != null) {
            ended = true;
            launch.afterExit(wasReady, logFile);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
