package jp.horenso.deploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.horenso.localstack.Ports;
import org.junit.jupiter.api.Test;

/**
 * イメージが起動する — the public site's image starts from its own files: its layers are unpacked as a container
 * runtime would (owners and modes kept) and its entrypoint runs in that file system as the image's user 185, as the
 * pods run it: the root file system read-only, a fresh {@code /tmp}, nothing of the build machine but the kernel,
 * {@code /dev}, {@code /proc} and the name-service files a runtime mounts. It answers {@code /q/health/live}.
 *
 * <p>The confinement ({@code unshare --mount} + {@code chroot}) needs root, as in this project's CI; elsewhere the
 * test runs the image's entrypoint from the unpacked directory instead (and says so), which still proves the image's
 * runtime and fast-jar start, but not that the image holds every library they need.
 */
class ImageRunsTest {

    static final String NAME = "public-site";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void thePublicSitesImageStartsAsUser185OnAReadOnlyRootAndAnswersLive() throws Exception {
        Images.Built built = Images.of(NAME);
        Path run = Images.work().resolve("run");
        Path root = run.resolve("rootfs");
        BuildImages.delete(run);
        Files.createDirectories(root);
        boolean confined = canConfine();
        built.oci().extract(built.tarball(), root, confined);
        // what a container runtime adds to the image's files: mount points and the name-service files
        for (String dir : List.of("dev", "proc")) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
            Files.createFile(root.resolve(file));
        }

        JsonNode config = built.oci().containerConfig();
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        if (confined) {
            command.addAll(List.of("unshare", "--mount", "--fork", "/bin/sh", "-c", CONFINE, "confine"));
            command.add(root.toString());
            command.add(chroot());
            command.addAll(entrypoint);
        } else {
            System.out.println("ImageRunsTest: not root, so not confined: running the image's entrypoint from " + root
                    + " on this machine's libraries");
            command.add(root + entrypoint.get(0));
            command.addAll(entrypoint.subList(1, entrypoint.size() - 1));
            command.add(root + entrypoint.get(entrypoint.size() - 1));
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(run.resolve(NAME + ".log").toFile());
        pb.environment().clear();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            pb.environment().put(kv[0], kv[1]);
        });
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("TZ", "Asia/Tokyo");

        long start = System.nanoTime();
        Process process = pb.start();
        try {
            int status = waitForLive(process, port, run.resolve(NAME + ".log"));
            assertEquals(200, status);
            System.out.printf(
                    "ImageRunsTest: %s live after %d ms (%s)%n",
                    NAME, (System.nanoTime() - start) / 1_000_000, confined ? "confined" : "not confined");
            if (confined) {
                ProcessHandle java = process.descendants()
                        .filter(p -> cmdline(p).contains("/deployments/quarkus-run.jar"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no java process under " + process.pid()));
                assertEquals("185", uid(java), "the application runs as user 185");
                assertTrue(
                        Files.readString(Path.of("/proc/" + java.pid() + "/maps"))
                                .contains(root.resolve("opt/java/lib/server/libjvm.so")
                                        .toString()),
                        "the JVM is the image's");
            }
        } finally {
            stop(process);
        }
        BuildImages.delete(root); // kept when the test failed, to look at
    }

    /**
     * Mounts, in a mount namespace of its own: the unpacked image read-only over itself, the machine's {@code /dev}
     * and {@code /proc}, its {@code /etc/hosts} and {@code /etc/resolv.conf}, an empty tmpfs at {@code /tmp} (the pods'
     * emptyDir); then enters the image as user 185. Arguments: root, the chroot binary, the entrypoint.
     */
    private static final String CONFINE = String.join(
            "\n",
            "set -e",
            "r=\"$1\"; c=\"$2\"; shift 2",
            "mount --bind \"$r\" \"$r\"",
            "mount --rbind /dev \"$r/dev\"",
            "mount --rbind /proc \"$r/proc\"",
            "for f in hosts resolv.conf; do if [ -f \"/etc/$f\" ]; then mount --bind \"/etc/$f\" \"$r/etc/$f\"; fi; done",
            "mount -t tmpfs -o size=32m,mode=1777 tmpfs \"$r/tmp\"",
            "mount -o remount,bind,ro \"$r\"",
            "exec \"$c\" --userspec=185:185 \"$r\" \"$@\"");

    private static boolean canConfine() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "true")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String chroot() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "chroot"))) {
                return dir + "/chroot";
            }
        }
        throw new IllegalStateException("no chroot on this machine");
    }

    private static int waitForLive(Process process, int port, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the image's process ended (" + process.exitValue() + "):\n" + tail(log));
            }
            try {
                HttpResponse<String> response = client.send(live, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return 200;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("no answer on /q/health/live within " + START_TIMEOUT + ":\n" + tail(log));
        return -1;
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : tree) {
            p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
        }
    }

    private static String cmdline(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static String uid(ProcessHandle p) {
        try {
            Optional<String> line = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .findFirst();
            return line.map(l -> l.split("\\s+")[1]).orElse("?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
