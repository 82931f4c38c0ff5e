import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.Ports;
import jp.horenso.localstack.ServiceJava;
import jp.horenso.localstack.ServiceLaunch;

/**
 * What incident-service's benchmarks share (compiled beside them by their scripts): the packaged service started in
 * the prod profile against local-stack's PostgreSQL and Kafka, an OpenID provider of one key on loopback instead of
 * Keycloak, RS256 tokens as Keycloak issues them, CPU time from /proc, percentiles and the log line.
 */
public final class BenchKit {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux/x86-64). */
    public static final double TICKS_PER_SECOND = 100.0;

    private BenchKit() {}

    /** key=value arguments (a leading -- is allowed) over the defaults; other arguments are returned in "_args". */
    public static Map<String, String> options(String[] args, Map<String, String> defaults, List<String> positional) {
        Map<String, String> opts = new HashMap<>(defaults);
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2) {
                opts.put(kv[0], kv[1]);
            } else {
                positional.add(arg);
            }
        }
        return opts;
    }

    /**
     * How the local stack launches a packaged module (local-stack's {@link ServiceLaunch}): java, the module's
     * jvm.options, {@code extra}, -jar quarkus-run.jar, in the jar's folder (where its class-data archive was made).
     */
    public static ServiceLaunch launch(Path jar, List<String> extra) {
        return ServiceLaunch.of(jar.toAbsolutePath().getParent().getParent().getParent()).jvmOptions(extra);
    }

    public static final class Service {
        public final Process process;
        public final int port;
        public final double startSeconds;
        public final Path log;

        private Service(Process process, int port, double startSeconds, Path log) {
            this.process = process;
            this.port = port;
            this.startSeconds = startSeconds;
            this.log = log;
        }

        /**
         * Starts {@code jar} against {@code database} of {@code postgres} (as horenso_app, Flyway as the owner) and
         * {@code kafka}, trusting tokens of {@code issuer}; waits until it is ready. {@code jvmArgs} go before -jar.
         */
        public static Service start(Path jar, Path log, EmbeddedPostgresServer postgres, String database,
                EmbeddedKafkaBroker kafka, String issuer, List<String> jvmArgs) throws Exception {
            return start(jar, log, postgres, database, kafka, issuer, jvmArgs, ServiceJava.fromEnvironment());
        }

        /** The same on the JDK {@code java}. */
        public static Service start(Path jar, Path log, EmbeddedPostgresServer postgres, String database,
                EmbeddedKafkaBroker kafka, String issuer, List<String> jvmArgs, ServiceJava java) throws Exception {
            int port = Ports.free();
            ProcessBuilder builder = launch(jar, jvmArgs)
                    .java(java)
                    .port(port)
                    .postgres(postgres, database)
                    .kafka(kafka.bootstrapServers())
                    // No Keycloak: the benchmark's own discovery document and key set (IdentityProvider), its tokens.
                    .oidc(issuer)
                    .sealKey("bench-seal-key-not-a-secret-0123456789-abcdef")
                    .notificationUrl("http://127.0.0.1:9")
                    .consoleUrl("http://127.0.0.1:9")
                    // The benchmarks file as one person, far above a person's filing limit (30 a minute, 429 beyond).
                    .env("HORENSO_FILING_RATE_LIMIT_MAX", "1000000")
                    .processBuilder()
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            awaitReady(port, Duration.ofMinutes(10), process);
            double seconds = (System.nanoTime() - started) / 1e9;
            log("service ready in %.1f s (pid %d, port %d)", seconds, process.pid(), port);
            return new Service(process, port, seconds, log);
        }

        public long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        /** utime + stime of the service's JVM so far, in clock ticks. */
        public long cpuTicks() throws IOException {
            return BenchKit.cpuTicks(process.pid());
        }

        public void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** utime + stime of one process, in clock ticks (0 when it is gone). */
    public static long cpuTicks(long pid) throws IOException {
        long[] stat = stat(pid);
        return stat == null ? 0 : stat[1];
    }

    /**
     * utime + stime of each PostgreSQL process: its postmaster (the first line of {@code dataDir/postmaster.pid}) and
     * every live child (backends, walwriter, checkpointer, autovacuum), in clock ticks by pid; {@link #cpuSince} sums
     * what they used between two such readings.
     */
    public static Map<Long, Long> postgresCpuTicks(Path dataDir) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        Map<Long, Long> ticks = new HashMap<>();
        ticks.put(postmaster, cpuTicks(postmaster));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(Long.parseLong(name));
                if (stat != null && stat[0] == postmaster) {
                    ticks.put(Long.parseLong(name), stat[1]);
                }
            }
        }
        return ticks;
    }

    /** Ticks used between two readings: a process that ended in between is counted up to the first reading only. */
    public static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> now : after.entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    /** {parent pid, utime + stime} of a process from /proc/pid/stat, or null when it is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** RS256 access tokens as Keycloak issues them for horenso-web: audience, organisation, unit, department, roles. */
    public record Tokens(KeyPair keys, String issuer) {
        public String sign(String username, String organisation, String unit, String department, String role)
                throws Exception {
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
            String claims = ("{\"iss\":\"%s\",\"sub\":\"%s\",\"preferred_username\":\"%s\","
                    + "\"aud\":\"horenso-api\",\"iat\":%d,\"exp\":%d,\"organisation\":\"%s\",\"unit\":\"%s\","
                    + "\"department\":\"%s\",\"groups\":[\"%s\"],\"realm_access\":{\"roles\":[\"%s\"]}}")
                    .formatted(issuer, username, username, now, now + 6 * 3600, organisation, unit, department, role,
                            role);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String body = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(body.getBytes(StandardCharsets.US_ASCII));
            return body + "." + b64.encodeToString(rsa.sign());
        }
    }

    /** An OpenID provider of one key: the discovery document and the key set, on loopback. */
    public record IdentityProvider(HttpServer server, String issuer) {
        public static IdentityProvider start(KeyPair keys) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/bench";
            RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\","
                    + "\"n\":\"%s\",\"e\":\"%s\"}]}").formatted(b64.encodeToString(unsigned(key.getModulus())),
                    b64.encodeToString(unsigned(key.getPublicExponent())));
            String discovery = ("{\"issuer\":\"%s\",\"jwks_uri\":\"%s/protocol/openid-connect/certs\","
                    + "\"token_endpoint\":\"%s/protocol/openid-connect/token\","
                    + "\"authorization_endpoint\":\"%s/protocol/openid-connect/auth\"}")
                    .formatted(issuer, issuer, issuer, issuer);
            server.createContext("/realms/bench/.well-known/openid-configuration", e -> reply(e, discovery));
            server.createContext("/realms/bench/protocol/openid-connect/certs", e -> reply(e, jwks));
            server.start();
            return new IdentityProvider(server, issuer);
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }

        private static void reply(HttpExchange exchange, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        public void stop() {
            server.stop(0);
        }
    }

    private static void awaitReady(int port, Duration atMost, Process process) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped; see its log");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready; see its log");
    }

    /** Nearest-rank percentile of sorted values. */
    public static double pct(double[] sorted, double p) {
        return jp.horenso.localstack.Percentiles.of(sorted, p);
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    public static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), format.formatted(args));
    }
}
