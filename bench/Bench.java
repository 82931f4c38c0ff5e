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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.PasswordGrant;
import jp.horenso.localstack.Percentiles;
import jp.horenso.localstack.Ports;

/**
 * Report → section chief's mail, at low load, on the whole local stack of one checked-out tree (issue 11).
 *
 * <p>Starts the tree's local stack ({@link LocalStack}, the same parts as {@code ./horenso-local}) in a scratch data
 * folder, files reports as {@code staff1} at a given mean rate (open loop: the next report does not wait for the
 * previous one), and for each report takes the time its mail to the section chief ({@code chief1}) was accepted by
 * the mail catcher's SMTP server, minus the time just before the POST was sent. Both clocks are this JVM's: the mail
 * catcher runs in it. Also the CPU time (utime + stime from /proc) each process used over the measured window, per
 * report, and per service database the commits and rows written per report ({@code pg_stat_database}): work counted,
 * not timed, so it compares trees even on a loaded machine.
 *
 * <p>Launched by {@code bench/report-latency.sh} with the tree's {@code local-stack/target/classes} and
 * {@code local-stack/target/lib/*} on the class path; arguments are {@code key=value}: {@code tree}, {@code data},
 * {@code out} (results file), {@code rate} (reports/s, 1), {@code duration} (s, 60), {@code warmup} (s, 20),
 * {@code arrivals} ({@code poisson}: exponential gaps of mean 1/rate from a fixed seed, the default, so that
 * reports meet the services' one-second polls at every phase; {@code fixed}: exactly 1/rate apart),
 * {@code idle} (s of CPU measured with no reports before the warm-up, 10; 0 skips it), {@code drain} (s to wait
 * for the last mails, 120), {@code grace} (s to wait for duplicates, 10; the warm stack's idle CPU is measured
 * meanwhile, and {@code cpu-per-report.system-above-idle} is the system total less it), {@code clktck} (100). Exit code 0 when every measured report got exactly one section-chief mail, 1 when not,
 * 2 when the stack could not be started or measured.
 */
public final class Bench {

    private static final String REPORTER = "staff1";
    private static final String CHIEF_MAIL = "chief1@demo-city.example.jp";
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6})\"");
    private static final Pattern CASE = Pattern.compile("[A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6}");
    /** Processes whose CPU is reported: the three services first (the figures), then the rest (for context). */
    private static final List<String> SERVICES = List.of("incident-service", "escalation-service",
            "notification-service");
    private static final List<String> OTHERS = List.of("web", "public-site");

    private final Map<String, String> options;
    private final Path tree;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private MailCatcher.Arrivals chiefInbox;

    private Bench(Map<String, String> options) {
        this.options = options;
        this.tree = Path.of(required("tree")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                System.err.println("arguments are key=value, got: " + arg);
                System.exit(2);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int code;
        try {
            code = new Bench(options).run();
        } catch (Exception e) {
            e.printStackTrace();
            code = 2;
        }
        // The stack is closed by then; the JVM may still hold non-daemon threads of Kafka or GreenMail.
        System.exit(code);
    }

    private int run() throws Exception {
        double rate = number("rate", "1");
        int duration = (int) number("duration", "60");
        int warmup = (int) number("warmup", "20");
        Path data = Path.of(required("data")).toAbsolutePath();
        LocalStack.Settings settings = LocalStack.Settings.localDefaults(tree, data, true);
        for (int port : new int[] {settings.postgresPort(), settings.kafkaPort(), settings.keycloakPort(),
            settings.smtpPort(), settings.imapPort(), settings.mailWebPort(), settings.incidentPort(),
            settings.escalationPort(), settings.notificationPort(), settings.webPort(), settings.publicSitePort()}) {
            if (Ports.inUse(port)) {
                log("port " + port + " is already in use: is another Horenso (or this benchmark) running?");
                return 2;
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> closeStack(closed));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long t = System.nanoTime();
            log("starting the local stack of " + tree + " (data in " + data + ") …");
            Thread watcher = watchStarts(settings);
            stack = LocalStack.start(settings);
            watcher.join(Duration.ofSeconds(30).toMillis());
            chiefInbox = stack.mail().arrivals(CHIEF_MAIL, CASE);
            log("stack started in " + (System.nanoTime() - t) / 1_000_000_000L + " s");
            String token = accessToken();
            log("ready check: one report through to the section chief's mail …");
            Filed probe = file(token, "準備確認 / readiness probe").join();
            for (int i = 0; i < 120 && probe.number == null && probe.failure.contains("organisation.not-onboarded");
                    i++) { // the seeds' OrganisationOnboarded may reach incident-service after it is ready
                Thread.sleep(500);
                probe = file(token, "準備確認 / readiness probe").join();
            }
            if (probe.number == null) {
                log("readiness probe was refused: " + probe.failure);
                return 2;
            }
            if (awaitMails(List.of(probe), Duration.ofMinutes(3)) > 0) {
                log("no mail to " + CHIEF_MAIL + " for " + probe.number + " within 3 minutes; see "
                        + data.resolve("logs"));
                return 2;
            }
            log("ready: first report reached the section chief after " + (arrival(probe.number) - probe.sentAt)
                    + " ms");
            Watchers watchers = Watchers.open((int) number("watchers", "0"), stack);
            try {
                Map<String, String[]> idle = idle((int) number("idle", "10"));
                return measure(token, rate, duration, warmup, idle, watchers);
            } finally {
                watchers.close();
            }
        } finally {
            closeStack(closed);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** CPU of each process with nothing to do (pollers, consumers, the JVMs themselves), as a share of a core. */
    private Map<String, String[]> idle(int seconds) throws InterruptedException {
        Map<String, String[]> figures = new LinkedHashMap<>();
        if (seconds <= 0) {
            return figures;
        }
        log("idle: " + seconds + " s with no reports …");
        Map<String, long[]> before = cpuSnapshot();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Map<String, long[]> after = cpuSnapshot();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long ticksPerSecond = (long) number("clktck", "100");
        after.forEach((name, ticks) -> {
            long[] b = before.get(name);
            if (b != null) {
                double ms = (ticks[0] - b[0]) * 1000.0 / ticksPerSecond;
                figures.put("cpu-idle-share." + name,
                        new String[] {String.format(Locale.ROOT, "%.1f", ms / 10.0 / elapsed), "%core"});
            }
        });
        return figures;
    }

    private int measure(
            String token, double rate, int duration, int warmup, Map<String, String[]> idle, Watchers watchers)
            throws Exception {
        int warmupCount = (int) Math.round(warmup * rate);
        int measuredCount = (int) Math.round(duration * rate);
        long period = Math.round(1e9 / rate);
        boolean poisson = !"fixed".equals(options.getOrDefault("arrivals", "poisson"));
        java.util.Random gaps = new java.util.Random(11); // the same arrival times for every tree
        List<CompletableFuture<Filed>> warm = new ArrayList<>();
        List<CompletableFuture<Filed>> measured = new ArrayList<>();
        Map<String, long[]> cpuBefore = new LinkedHashMap<>();
        Map<String, Map<String, Long>> threadsBefore = new LinkedHashMap<>();
        Map<String, long[]> databaseBefore = new LinkedHashMap<>();
        long windowStart = 0;
        log("warm-up: " + warmupCount + " reports over about " + warmup + " s, then measuring " + measuredCount
                + " reports over about " + duration + " s (" + rate + " report/s, "
                + (poisson ? "Poisson arrivals" : "fixed interval") + ")");
        long next = System.nanoTime();
        for (int i = 0; i < warmupCount + measuredCount; i++) {
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (i < warmupCount) {
                warm.add(file(token, "ベンチマーク準備 " + i + " / benchmark warm-up " + i));
            } else {
                if (i == warmupCount) {
                    databaseBefore.putAll(databaseSnapshot());
                    cpuBefore.putAll(cpuSnapshot());
                    threadsBefore.putAll(threadSnapshot());
                    windowStart = System.nanoTime();
                }
                int n = i - warmupCount;
                measured.add(file(token, "ベンチマーク報告 " + n + " / benchmark report " + n));
            }
            next += poisson ? (long) (-Math.log(1 - gaps.nextDouble()) * period) : period;
        }

        List<Filed> reports = measured.stream().map(CompletableFuture::join).toList();
        List<Filed> accepted = reports.stream().filter(r -> r.number != null).toList();
        int failed = reports.size() - accepted.size();
        reports.stream().filter(r -> r.number == null).limit(3).forEach(r -> log("refused: " + r.failure));
        int missing = awaitMails(accepted, Duration.ofSeconds((long) number("drain", "120")));
        long windowNanos = System.nanoTime() - windowStart;
        Map<String, long[]> cpuAfter = cpuSnapshot();
        Map<String, Map<String, Long>> threadsAfter = threadSnapshot();
        Thread.sleep(1500); // PostgreSQL's statistics reach pg_stat_database within a second
        Map<String, long[]> databaseAfter = databaseSnapshot();
        Map<String, String[]> memory = memory();
        long grace = (long) number("grace", "10");
        log("all arrived or gave up (" + missing + " missing); waiting " + grace + " s for duplicates …");
        // The stack is warm and has nothing left to do: what it burns now is its idle, not any report's.
        Map<String, long[]> idleBefore = cpuSnapshot();
        long idleStart = System.nanoTime();
        Thread.sleep(grace * 1000);
        Map<String, long[]> idleAfter = cpuSnapshot();
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;

        Map<String, List<Long>> mails = chiefMails();
        List<Long> latencies = new ArrayList<>();
        List<Long> answers = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        for (Filed r : accepted) {
            List<Long> times = mails.getOrDefault(r.number, List.of());
            if (times.isEmpty()) {
                lost++;
                log("no section-chief mail for " + r.number);
                continue;
            }
            if (times.size() > 1) {
                duplicated++;
                log(times.size() + " section-chief mails for " + r.number);
            }
            latencies.add(times.get(0) - r.sentAt);
            answers.add(r.answeredAt - r.sentAt);
        }
        long warmDuplicates = warm.stream().map(CompletableFuture::join).filter(r -> r.number != null)
                .filter(r -> mails.getOrDefault(r.number, List.of()).size() > 1).count();

        Map<String, String[]> figures = new LinkedHashMap<>();
        figures.put("reports.filed", new String[] {Integer.toString(reports.size()), "reports"});
        figures.put("reports.refused", new String[] {Integer.toString(failed), "reports"});
        figures.put("mail.missing", new String[] {Integer.toString(lost), "reports"});
        figures.put("mail.duplicated", new String[] {Integer.toString(duplicated), "reports"});
        figures.put("mail.duplicated.warmup", new String[] {Long.toString(warmDuplicates), "reports"});
        latencies.sort(Comparator.naturalOrder());
        answers.sort(Comparator.naturalOrder());
        if (!latencies.isEmpty()) {
            figures.put("latency.p50", new String[] {Long.toString(percentile(latencies, 50)), "ms"});
            figures.put("latency.p95", new String[] {Long.toString(percentile(latencies, 95)), "ms"});
            figures.put("latency.p99", new String[] {Long.toString(percentile(latencies, 99)), "ms"});
            figures.put("latency.max", new String[] {Long.toString(latencies.get(latencies.size() - 1)), "ms"});
            figures.put("latency.min", new String[] {Long.toString(latencies.get(0)), "ms"});
            figures.put("post-201.p50", new String[] {Long.toString(percentile(answers, 50)), "ms"});
            figures.put("post-201.p95", new String[] {Long.toString(percentile(answers, 95)), "ms"});
        }
        double seconds = windowNanos / 1e9;
        figures.put("window", new String[] {String.format(Locale.ROOT, "%.1f", seconds), "s"});
        long ticksPerSecond = (long) number("clktck", "100");
        for (Map.Entry<String, long[]> e : cpuAfter.entrySet()) {
            long[] before = cpuBefore.get(e.getKey());
            if (before == null || accepted.isEmpty()) {
                continue;
            }
            double ms = (e.getValue()[0] - before[0]) * 1000.0 / ticksPerSecond;
            figures.put("cpu-per-report." + e.getKey(),
                    new String[] {String.format(Locale.ROOT, "%.1f", ms / accepted.size()), "ms"});
            figures.put("cpu-share." + e.getKey(),
                    new String[] {String.format(Locale.ROOT, "%.1f", ms / 10.0 / seconds), "%core"});
        }

        for (Map.Entry<String, long[]> e : databaseAfter.entrySet()) {
            long[] before = databaseBefore.get(e.getKey());
            if (before == null || accepted.isEmpty()) {
                continue;
            }
            figures.put("db-commits-per-report." + e.getKey(), new String[] {String.format(Locale.ROOT, "%.2f",
                    (e.getValue()[0] - before[0]) / (double) accepted.size()), "commits"});
            figures.put("db-rows-written-per-report." + e.getKey(), new String[] {String.format(Locale.ROOT, "%.2f",
                    (e.getValue()[1] - before[1]) / (double) accepted.size()), "rows"});
        }

        double total = 0;
        for (String name : List.of("incident-service", "escalation-service", "notification-service", "web",
                "public-site", "postgres", "kafka", "keycloak")) {
            String[] v = figures.get("cpu-per-report." + name);
            total += v == null ? 0 : Double.parseDouble(v[0]);
        }
        figures.put("cpu-per-report.system-total", new String[] {String.format(Locale.ROOT, "%.1f", total), "ms"});
        // The same less what each process burns warm and idle (pollers, consumers' fetches, the broker's own
        // heartbeats) over as long: the CPU the reports added, which the idle share does not depend on the rate for.
        double idleTotal = 0;
        for (String name : List.of("incident-service", "escalation-service", "notification-service", "web",
                "public-site", "postgres", "kafka", "keycloak")) {
            long[] b = idleBefore.get(name);
            long[] a = idleAfter.get(name);
            if (a == null || b == null || accepted.isEmpty()) {
                continue;
            }
            double idleMsPerSecond = (a[0] - b[0]) * 1000.0 / ticksPerSecond / idleSeconds;
            figures.put("cpu-idle-after-share." + name,
                    new String[] {String.format(Locale.ROOT, "%.1f", idleMsPerSecond / 10.0), "%core"});
            idleTotal += idleMsPerSecond * seconds / accepted.size();
        }
        figures.put("cpu-per-report.system-above-idle",
                new String[] {String.format(Locale.ROOT, "%.1f", total - idleTotal), "ms"});
        if (watchers.count() > 0) {
            figures.put("watchers", new String[] {Integer.toString(watchers.count()), "open streams"});
            figures.put("watchers.changes-received", new String[] {Long.toString(watchers.changes()), "changes"});
        }
        figures.putAll(memory);
        figures.putAll(startTimes);
        figures.putAll(idle);
        writeThreads(threadsBefore, threadsAfter, accepted.size());
        StringBuilder out = new StringBuilder();
        figures.forEach((name, v) -> out.append(name).append('\t').append(v[0]).append('\t').append(v[1]).append('\n'));
        boolean ok = failed == 0 && lost == 0 && duplicated == 0;
        out.append("check\t").append(ok ? "OK" : "FAILED").append('\t')
                .append("every report got exactly one section-chief mail").append('\n');
        if (!"0".equals(options.getOrDefault("restart", "1"))) {
            restartAlone().forEach((name, v) -> out.append(name).append('\t').append(v[0]).append('\t')
                    .append(v[1]).append('\n'));
        }
        Files.writeString(Path.of(required("out")), out.toString());
        System.out.print(out);
        return ok ? 0 : 1;
    }

    /**
     * People watching the console's dashboard: each an open {@code /events} stream of csirt1 (who may see every case
     * of demo-city), reopened with a fresh token whenever it ends. Without them the console reads no event at all.
     */
    private static final class Watchers implements AutoCloseable {

        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean closed;

        static Watchers open(int count, LocalStack stack) throws InterruptedException {
            Watchers watchers = new Watchers();
            if (count > 0) {
                log("opening " + count + " console event stream(s) as csirt1 (someone watching the dashboard) …");
            }
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(() -> watchers.watch(stack), "bench-watcher-" + i);
                t.setDaemon(true);
                t.start();
                watchers.threads.add(t);
            }
            Thread.sleep(count > 0 ? 2000 : 0); // the streams open, the console starts reading
            return watchers;
        }

        private void watch(LocalStack stack) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            while (!closed) {
                try {
                    String token = PasswordGrant.accessToken(stack.keycloak().realmUrl(), "csirt1");
                    HttpResponse<java.util.stream.Stream<String>> response = client.send(
                            HttpRequest.newBuilder(URI.create(stack.consoleUrl() + "/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (response.statusCode() != 200) {
                        log("event stream refused: " + response.statusCode());
                        Thread.sleep(1000);
                        continue;
                    }
                    try (java.util.stream.Stream<String> lines = response.body()) {
                        lines.takeWhile(line -> !closed)
                                .filter(line -> line.startsWith("data:"))
                                .forEach(line -> changes.incrementAndGet());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!closed) {
                        log("event stream ended: " + e);
                    }
                }
            }
        }

        int count() {
            return threads.size();
        }

        long changes() {
            return changes.get();
        }

        @Override
        public void close() {
            closed = true;
            threads.forEach(Thread::interrupt);
        }
    }

    /** A report as filed: when the POST was sent and answered, its case number (null when refused). */
    private record Filed(long sentAt, long answeredAt, String number, String failure) {
    }

    private CompletableFuture<Filed> file(String token, String title) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"title\":\"" + title + "\",\"description\":\"ベンチマークによる報告です。 / Filed by the "
                + "report-latency benchmark.\",\"occurredAt\":\"" + now.minusHours(2) + "\",\"discoveredAt\":\""
                + now.minusMinutes(10) + "\",\"reporterType\":\"STAFF\"}";
        URI incidents = URI.create(stack.serviceUrl("incident-service") + "/api/incidents");
        HttpRequest request = HttpRequest.newBuilder(incidents)
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long sentAt = System.currentTimeMillis();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((r, e) -> {
            long answeredAt = System.currentTimeMillis();
            if (e != null) {
                return new Filed(sentAt, answeredAt, null, e.toString());
            }
            Matcher m = NUMBER.matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                return new Filed(sentAt, answeredAt, null, r.statusCode() + " " + r.body());
            }
            return new Filed(sentAt, answeredAt, m.group(1), null);
        });
    }

    private String accessToken() {
        return PasswordGrant.accessToken(stack.keycloak().realmUrl(), REPORTER);
    }

    /** Waits until every report has a section-chief mail; returns how many still have none. */
    private int awaitMails(List<Filed> reports, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (true) {
            Map<String, List<Long>> mails = chiefMails();
            int missing = (int) reports.stream().filter(r -> !mails.containsKey(r.number)).count();
            if (missing == 0 || System.nanoTime() > end) {
                return missing;
            }
            Thread.sleep(200);
        }
    }

    private long arrival(String number) {
        return chiefMails().get(number).get(0);
    }

    /**
     * The section chief's inbox at the mail catcher: case number (from the subject) → the times, in ms since the
     * epoch, at which the SMTP server accepted each mail naming it, earliest first.
     */
    private Map<String, List<Long>> chiefMails() {
        return chiefInbox.read();
    }

    /** CPU ticks (utime + stime) per process of the stack, by name. */
    /**
     * Per service database: commits and rows inserted, updated or deleted so far ({@code pg_stat_database}). Unlike
     * CPU time, these count work, not its speed: a change that saves a transaction shows however loaded the machine.
     */
    private Map<String, long[]> databaseSnapshot() {
        Map<String, long[]> result = new LinkedHashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        stack.postgres().jdbcUrl("postgres"), "postgres", "postgres");
                java.sql.ResultSet rows = c.createStatement().executeQuery("""
                        select datname, xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database
                        where datname in ('incident', 'escalation', 'notification') order by datname""")) {
            while (rows.next()) {
                result.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        } catch (java.sql.SQLException e) {
            log("cannot read pg_stat_database: " + e.getMessage());
        }
        return result;
    }

    private Map<String, long[]> cpuSnapshot() {
        Map<String, long[]> result = new LinkedHashMap<>();
        processIds().forEach((name, pid) -> result.put(name, new long[] {ticks(pid)}));
        Map<Long, String[]> processes = processes();
        String data = Path.of(required("data")).toAbsolutePath().toString();
        String keycloakHome = "kc.home.dir=" + tree.resolve("local-stack/target/keycloak");
        java.util.Set<Long> postgres = new java.util.HashSet<>();
        long keycloak = 0;
        for (Map.Entry<Long, String[]> e : processes.entrySet()) {
            String cmd = e.getValue()[0];
            if (cmd.contains("postgres") && cmd.contains(data)) { // the postmaster (and its wrapper, if any)
                postgres.add(e.getKey());
            } else if (cmd.contains(keycloakHome)) {
                keycloak += ticks(e.getKey());
            }
        }
        boolean grew = !postgres.isEmpty();
        while (grew) { // the backends and background workers, below the postmaster
            grew = false;
            for (Map.Entry<Long, String[]> e : processes.entrySet()) {
                if (postgres.contains(Long.parseLong(e.getValue()[1]))) {
                    grew |= postgres.add(e.getKey());
                }
            }
        }
        result.put("postgres", new long[] {postgres.stream().mapToLong(Bench::ticks).sum()});
        result.put("keycloak", new long[] {keycloak});
        long[] own = ownThreads();
        result.put("kafka", new long[] {own[0]});
        result.put("mail-catcher", new long[] {own[1]});
        result.put("bench-jvm(all)", new long[] {ticks(ProcessHandle.current().pid())});
        return result;
    }

    /** Each service's start at the stack's start, all at once: JVM launched → /q/health/ready answered 200. */
    private final Map<String, String[]> startTimes = new java.util.concurrent.ConcurrentHashMap<>();

    /** Watches the services come up while the local stack starts them side by side. */
    private Thread watchStarts(LocalStack.Settings settings) {
        Map<String, Integer> ports = Map.of("incident-service", settings.incidentPort(), "escalation-service",
                settings.escalationPort(), "notification-service", settings.notificationPort());
        Thread watcher = new Thread(() -> {
            long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (startTimes.size() < ports.size() && System.nanoTime() < end) {
                Map<String, Long> pids = processIds();
                ports.forEach((name, port) -> {
                    Long pid = pids.get(name);
                    if (pid != null && !startTimes.containsKey("start-to-ready.side-by-side." + name)
                            && ready(port)) {
                        long launched = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                                .map(java.time.Instant::toEpochMilli).orElse(0L);
                        startTimes.put("start-to-ready.side-by-side." + name, new String[] {
                            Long.toString(System.currentTimeMillis() - launched), "ms"});
                    }
                });
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-start-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Processes this benchmark started itself (services restarted alone); stopped when the stack stops. */
    private final List<Process> restarted = new ArrayList<>();

    /**
     * After the run, with the stack idle: each service in turn is stopped and started again alone, with the very
     * command line, environment and folder it ran with; the time from launching its JVM to /q/health/ready = 200.
     */
    private Map<String, String[]> restartAlone() throws IOException, InterruptedException {
        Map<String, String[]> figures = new LinkedHashMap<>();
        Map<String, Integer> ports = Map.of("incident-service", stack.settings().incidentPort(), "escalation-service",
                stack.settings().escalationPort(), "notification-service", stack.settings().notificationPort());
        Map<String, Long> pids = processIds();
        for (String name : SERVICES) {
            Long pid = pids.get(name);
            if (pid == null) {
                continue;
            }
            Path proc = Path.of("/proc", Long.toString(pid));
            List<String> command = List.of(Files.readString(proc.resolve("cmdline")).split("\0"));
            Map<String, String> environment = new HashMap<>();
            for (String entry : Files.readString(proc.resolve("environ")).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    environment.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path dir = proc.resolve("cwd").toRealPath();
            ProcessHandle old = ProcessHandle.of(pid).orElseThrow();
            old.destroy();
            old.onExit().join();
            Thread.sleep(1000); // let the broker notice the consumer left; the machine settles
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(Path.of(required("data")).resolve("logs/" + name + "-restarted.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            long launched = System.nanoTime();
            Process process = builder.start();
            restarted.add(process);
            long end = launched + Duration.ofMinutes(2).toNanos();
            while (!ready(ports.get(name)) && System.nanoTime() < end && process.isAlive()) {
                Thread.sleep(10);
            }
            figures.put("start-to-ready.alone." + name,
                    new String[] {Long.toString((System.nanoTime() - launched) / 1_000_000), "ms"});
            log(name + " restarted alone: ready after " + figures.get("start-to-ready.alone." + name)[0] + " ms");
        }
        return figures;
    }

    /** CPU per report of each thread group of each JVM over the window, to a file beside the results. */
    private void writeThreads(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after,
            int reports) throws IOException {
        if (reports == 0) {
            return;
        }
        long ticksPerSecond = (long) number("clktck", "100");
        StringBuilder out = new StringBuilder("process\tthread group\tms of CPU per report\n");
        after.forEach((process, groups) -> {
            Map<String, Long> b = before.getOrDefault(process, Map.of());
            groups.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - b.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(process).append('\t').append(e.getKey()).append('\t')
                            .append(String.format(Locale.ROOT, "%.2f",
                                    e.getValue() * 1000.0 / ticksPerSecond / reports)).append('\n'));
        });
        String results = required("out");
        Files.writeString(Path.of(results.replaceFirst("\\.tsv$", "") + "-threads.tsv"), out.toString());
    }

    /**
     * CPU of this JVM's Java threads, in clock ticks: {Kafka broker, mail catcher}. The broker runs in this JVM (the
     * local stack starts it in-process); its threads are all those that are neither the load generator's (HTTP client,
     * common pool, main) nor the mail catcher's. Its share of this JVM's garbage collection and JIT is not counted.
     */
    private long[] ownThreads() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long ticksPerSecond = (long) number("clktck", "100");
        long kafka = 0;
        long mail = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String name = info.getThreadName().toLowerCase(Locale.ROOT);
            if (name.startsWith("httpclient") || name.startsWith("forkjoinpool") || name.equals("main")
                    || name.startsWith("bench")) {
                continue;
            }
            long ticks = nanos * ticksPerSecond / 1_000_000_000L;
            if (name.contains("smtp") || name.contains("imap") || name.contains("pop3") || name.contains("greenmail")
                    || name.contains("mail")) {
                mail += ticks;
            } else {
                kafka += ticks;
            }
        }
        return new long[] {kafka, mail};
    }

    /** CPU ticks per thread group (the thread's name without digits) of every JVM of the stack, by process. */
    private Map<String, Map<String, Long>> threadSnapshot() {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        processIds().forEach((name, pid) -> {
            Map<String, Long> groups = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[0-9]+", "#");
                        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        groups.merge(comm, Long.parseLong(rest[11]) + Long.parseLong(rest[12]), Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            result.put(name, groups);
        });
        return result;
    }

    /** The JVM of each service, the console and the public site: name → pid. */
    private Map<String, Long> processIds() {
        Map<String, Long> result = new LinkedHashMap<>();
        Map<Long, String[]> processes = processes();
        for (String name : concat(SERVICES, OTHERS)) {
            Path app = tree.resolve(name).resolve("target/quarkus-app");
            String jar = app.resolve("quarkus-run.jar").toString();
            processes.forEach((pid, p) -> { // the JVM itself, not the local stack's watchdog shell around it
                boolean absolute = p[0].contains("-jar\0" + jar);
                boolean relative = p[0].contains("-jar\0quarkus-run.jar") && app.equals(cwd(pid));
                if ((absolute || relative) && isJava(p[0])) {
                    result.put(name, pid);
                }
            });
        }
        return result;
    }

    private static Path cwd(long pid) {
        try {
            return Path.of("/proc", Long.toString(pid), "cwd").toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** Resident and peak resident memory of each JVM of the stack, in MB (from /proc/pid/status). */
    private Map<String, String[]> memory() {
        Map<String, String[]> figures = new LinkedHashMap<>();
        processIds().forEach((name, pid) -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        figures.put((line.startsWith("VmRSS:") ? "rss." : "rss-peak.") + name,
                                new String[] {Long.toString(kb / 1024), "MB"});
                    }
                }
            } catch (IOException e) {
                // gone
            }
        });
        return figures;
    }

    /** Whether a NUL-separated command line runs java (and not a shell that was given java's arguments). */
    private static boolean isJava(String commandLine) {
        int end = commandLine.indexOf('\0');
        return (end < 0 ? commandLine : commandLine.substring(0, end)).endsWith("java");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** pid → {command line (NUL-separated), parent pid}. */
    private static Map<Long, String[]> processes() {
        Map<Long, String[]> result = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                    result.put(Long.parseLong(name), new String[] {cmd, statField(dir, 4)});
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static long ticks(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            return Long.parseLong(statField(dir, 14)) + Long.parseLong(statField(dir, 15));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Field {@code n} (1-based, as in proc(5)) of /proc/pid/stat. */
    private static String statField(Path dir, int n) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return rest[n - 3];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return Percentiles.of(sorted, p);
    }

    private void closeStack(AtomicBoolean closed) {
        if (stack != null && closed.compareAndSet(false, true)) {
            log("stopping the local stack …");
            restarted.forEach(p -> {
                p.destroy();
                try {
                    p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stack.close();
        }
    }

    private String required(String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=…");
        }
        return value;
    }

    private double number(String key, String fallback) {
        return Double.parseDouble(options.getOrDefault(key, fallback));
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
