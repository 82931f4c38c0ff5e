import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.Ports;

/**
 * Benchmark of escalation-service's timers (docs/benchmarks.md), run by bench/run-timer-bench.sh.
 *
 * <p>Starts a real PostgreSQL and Kafka broker on loopback (local-stack), starts the packaged service
 * (target/quarkus-app/quarkus-run.jar, prod profile) against them, inserts N open hops (the chain's timers) at
 * the last level of demo-city's chain, due spread evenly over a window that starts after an idle period, then
 * measures:
 * <ul>
 *   <li>CPU of the service process and of PostgreSQL while the N timers are pending and nothing is due;</li>
 *   <li>how late each timer fired after its due time, by the database's clock (hop.timed_out_at - ack_deadline;
 *       timed_out_at is the claiming transaction's now()), and how late its HopTimedOut reached Kafka
 *       (outbox_event.published_at - ack_deadline): p50, p99, max;</li>
 *   <li>CPU again once everything fired and was published (idle after).</li>
 * </ul>
 * Arguments (all optional): count=100000 window=100 (0: all due at once) idle=60 settle=30 (seconds after
 * start-up before anything is measured) jar=target/quarkus-app/quarkus-run.jar work=target/bench, jfr=file (a JFR
 * recording of the service), env.NAME=value (an environment variable of the service, e.g. a setting to compare),
 * jdbc-params=… (added to the service's JDBC URL).
 */
public final class TimerBench {

    private static final long CLOCK_TICKS = clockTicks();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("count", "100000", "window", "100", "idle", "60",
                "settle", "30", "jar", "target/quarkus-app/quarkus-run.jar", "work", "target/bench"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int count = Integer.parseInt(opts.get("count"));
        int window = Integer.parseInt(opts.get("window"));
        int idle = Integer.parseInt(opts.get("idle"));
        int settle = Integer.parseInt(opts.get("settle"));
        Path jar = Path.of(opts.get("jar")).toAbsolutePath();
        Path work = Path.of(opts.get("work")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": build the service first (../mvnw package -DskipTests)");
        }
        deleteRecursively(work);
        Files.createDirectories(work);

        log("starting PostgreSQL and Kafka on loopback …");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), Ports.free(), true);
        postgres.ensureDatabases("escalation");
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), Ports.free(), Ports.free());
        Process service = null;
        try {
            int httpPort = Ports.free();
            // As the local stack runs it: the module's jvm.options, from its app folder (class-data archive).
            ProcessBuilder builder = new ProcessBuilder(LocalStack.javaCommand(Path.of(".").toAbsolutePath().normalize()))
                    .directory(jar.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("service.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            // jdbc-params=a=b&c=d: driver settings to compare, e.g. jdbc-params=reWriteBatchedInserts=true.
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("escalation")
                    + (opts.containsKey("jdbc-params") ? (postgres.jdbcUrl("escalation").contains("?") ? "&" : "?")
                            + opts.get("jdbc-params") : ""));
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            // No identity provider in this benchmark: no HTTP API is called.
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/none");
            env.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
            // The demo organisation is seeded in prod only when the environment asks for it.
            env.put("HORENSO_ESCALATION_SEED_FILES", "seed/demo-city.yaml");
            // env.NAME=value: a setting of the service to compare, e.g. env.HORENSO_ESCALATION_TIMER_WORKERS=1.
            opts.forEach((key, value) -> {
                if (key.startsWith("env.")) {
                    env.put(key.substring(4), value);
                }
            });
            // jfr=file: a JFR recording of the service (profile settings) from start to stop.
            if (opts.containsKey("jfr")) {
                env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename="
                        + Path.of(opts.get("jfr")).toAbsolutePath());
            }
            long started = System.nanoTime();
            service = builder.start();
            awaitReady(httpPort, Duration.ofMinutes(3));
            log("service ready in %.1f s (pid %d); letting it settle %d s", (System.nanoTime() - started) / 1e9,
                    service.pid(), settle);
            // Start-up leaves the JIT compiler and the consumers' first rebalance busy for a while.
            sleep(Duration.ofSeconds(settle));

            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("escalation"),
                    EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
                long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres/data/postmaster.pid"))
                        .get(0).trim());
                // The first timer is due after the idle measurement (plus a margin for the insert itself).
                int lead = idle + 15;
                long insertStarted = System.nanoTime();
                insertTimers(db, count, lead, window);
                log("inserted %,d pending timers in %.1f s; first due in ~%d s, spread over %d s",
                        count, (System.nanoTime() - insertStarted) / 1e9, lead, window);

                sleep(Duration.ofSeconds(5));
                Cpu pendingIdle = measureIdle(service.pid(), postmaster, idle);
                log("idle with %,d pending: service %.2f %% of a core, PostgreSQL %.2f %%", count,
                        pendingIdle.service(), pendingIdle.postgres());

                awaitFirstDue(db);
                String loadAtFirstDue = loadAverage();
                long[] firingStart = {ticks(service.pid()), postgresTicks(postmaster)};
                long firingNanos = System.nanoTime();
                awaitZero(db, "select count(*) from hop where status = 'OPEN'", Duration.ofSeconds(lead + window
                        + 1800L), "open timers");
                awaitZero(db, "select count(*) from outbox_event where published_at is null", Duration.ofMinutes(30),
                        "unpublished events");
                double firingSeconds = (System.nanoTime() - firingNanos) / 1e9;
                double firingService = percent(ticks(service.pid()) - firingStart[0], firingSeconds);
                double firingPostgres = percent(postgresTicks(postmaster) - firingStart[1], firingSeconds);

                List<String> report = new ArrayList<>();
                report.add(window == 0 ? "timers: %,d, all due at the same instant".formatted(count)
                        : "timers: %,d, due evenly over %d s (%,.0f per second)".formatted(count, window,
                                count / (double) window));
                report.add(lateness(db, "fired (claimed, timed out and escalation decided; database clock)", """
                        select percentile_cont(0.5) within group (order by l), percentile_cont(0.99) within group
                               (order by l), max(l), min(l), count(*)
                        from (select extract(epoch from timed_out_at - ack_deadline) * 1000 as l from hop) x"""));
                try (Statement sql = db.createStatement(); ResultSet r = sql.executeQuery(
                        "select extract(epoch from max(timed_out_at) - min(ack_deadline)) from hop")) {
                    r.next();
                    report.add("timed out: first due → last timed out %.1f s, %,.0f per second".formatted(
                            r.getDouble(1), count / r.getDouble(1)));
                }
                report.add(lateness(db, "HopTimedOut on Kafka (outbox relay acknowledged by the broker)", """
                        select percentile_cont(0.5) within group (order by l), percentile_cont(0.99) within group
                               (order by l), max(l), min(l), count(*)
                        from (select extract(epoch from o.published_at - h.ack_deadline) * 1000 as l
                              from hop h join outbox_event o
                                on o.message_key = h.incident_id::text and o.type = 'jp.horenso.HopTimedOut') x"""));
                report.add("CPU while firing (%.0f s from the first due time to the last event published): service "
                        .formatted(firingSeconds) + "%.0f %%, PostgreSQL %.0f %% of a core".formatted(firingService,
                        firingPostgres));
                report.add("CPU per time-out: service %.2f ms, PostgreSQL %.2f ms".formatted(
                        firingService * 10 * firingSeconds / count, firingPostgres * 10 * firingSeconds / count));
                report.add("load average while firing: %s (at the first due time) → %s (at the end)".formatted(
                        loadAtFirstDue, loadAverage()));
                report.add("CPU idle with %,d timers pending (%d s): service %.2f %%, PostgreSQL %.2f %% of a core"
                        .formatted(count, idle, pendingIdle.service(), pendingIdle.postgres()));
                sleep(Duration.ofSeconds(5));
                Cpu afterIdle = measureIdle(service.pid(), postmaster, idle);
                report.add("CPU idle after all fired (%d s): service %.2f %%, PostgreSQL %.2f %% of a core"
                        .formatted(idle, afterIdle.service(), afterIdle.postgres()));
                System.out.println();
                report.forEach(line -> System.out.println("  " + line));
                Files.write(work.resolve("results.txt"), report);
            }
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            kafka.close();
            postgres.close();
        }
    }

    /** N chain runs of demo-city, each with an open CISO hop (the chain's last level: a time-out only records). */
    private static void insertTimers(Connection db, int count, int lead, int window) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into chain_run (incident_id, incident_number, organisation, chain_version, unit_code,
                                           department_code, reported_by, drill, severity, started_at)
                    select md5('bench-' || i)::uuid, 'INC-2026-' || lpad(i::text, 6, '0'), 'demo-city', 1,
                           'general-affairs-section', 'general-affairs', 'bench', false, 'LOW', now()
                    from generate_series(1, %d) i""".formatted(count));
            sql.execute("""
                    insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username,
                                     recipient_name, recipient_email, recipient_locale, status, opened_at,
                                     ack_deadline, trigger)
                    select gen_random_uuid(), md5('bench-' || i)::uuid, 'INC-2026-' || lpad(i::text, 6, '0'), 'ciso',
                           'CISO', 'ciso', '副市長 デモ 誠', 'ciso@demo-city.example.jp', 'ja', 'OPEN', now(),
                           now() + make_interval(secs => %d + (i - 1) * %f / %d), 'REPORT'
                    from generate_series(1, %d) i""".formatted(lead, (double) window, count, count));
            sql.execute("analyze hop");
        }
    }

    /** The 1-minute load average of the machine (/proc/loadavg). */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void awaitFirstDue(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet r = sql.executeQuery("select extract(epoch from min(ack_deadline) - now()) from hop")) {
            r.next();
            double seconds = r.getDouble(1);
            if (seconds > 0) {
                sleep(Duration.ofMillis((long) (seconds * 1000)));
            }
        }
    }

    private static String lateness(Connection db, String what, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet r = sql.executeQuery(query)) {
            r.next();
            return "%s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (min %.0f ms, n = %,d)".formatted(what, r.getDouble(1),
                    r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getLong(5));
        }
    }

    private record Cpu(double service, double postgres) {
    }

    private static Cpu measureIdle(long pid, long postmaster, int seconds) throws IOException {
        long service = ticks(pid);
        long postgres = postgresTicks(postmaster);
        long started = System.nanoTime();
        sleep(Duration.ofSeconds(seconds));
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Cpu(percent(ticks(pid) - service, elapsed), percent(postgresTicks(postmaster) - postgres,
                elapsed));
    }

    private static double percent(long ticks, double seconds) {
        return 100.0 * ticks / CLOCK_TICKS / seconds;
    }

    /** utime + stime of a process (and its reaped children's time is not included). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The postmaster's and its children's (backends, background workers) CPU ticks. */
    private static long postgresTicks(long postmaster) throws IOException {
        long total = ticks(postmaster);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmaster) {
                        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return total;
    }

    private static void awaitZero(Connection db, String query, Duration atMost, String what)
            throws SQLException {
        long end = System.nanoTime() + atMost.toNanos();
        long last = -1;
        while (System.nanoTime() < end) {
            try (Statement sql = db.createStatement(); ResultSet r = sql.executeQuery(query)) {
                r.next();
                long left = r.getLong(1);
                if (left == 0) {
                    return;
                }
                if (left != last && (last < 0 || last - left >= 10_000 || left < 1000)) {
                    log("%,d %s left", left, what);
                    last = left;
                }
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(what + " still left after " + atMost);
    }

    private static void awaitReady(int port, Duration atMost) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
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
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready; see service.log");
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), format.formatted(args));
    }
}
