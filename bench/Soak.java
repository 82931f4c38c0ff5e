import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import jp.horenso.localstack.ChildProcess;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.PasswordGrant;
import jp.horenso.localstack.Percentiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The soak (issue 14): the whole local stack on free ports, reports filed as {@code staff1} at a steady Poisson rate
 * for a long time, and every {@code sample} seconds the memory of every part — resident memory (VmRSS) of each
 * service's JVM, its heap (used, and the long-lived pool after the last collection, from Micrometer's
 * {@code /q/metrics}), PostgreSQL's processes (sum of PSS, which shares the shared buffers fairly, and sum of RSS),
 * this JVM (which runs the Kafka broker and the mail catcher) and Keycloak — and, per window of filing time, the
 * latency report → section chief's mail accepted by the SMTP server (as {@code Bench.java} measures it): p50, p99.
 *
 * <p>At the end: correctness (every report answered 201, its chain reached the section chief, exactly one mail to the
 * chief per case, no record on any dead-letter topic) and flatness: a least-squares line through the last
 * {@code judge} minutes of each series, whose slope must stay within the bounds printed with it (memory in MB per
 * minute, latency in ms per minute). Writes {@code samples.tsv}, {@code windows.tsv}, {@code figures.txt} and
 * {@code soak.png} (drawn here with java.awt, headless) to {@code out}.
 *
 * <p>Launched by {@code bench/soak.sh}; arguments {@code key=value}: {@code tree}, {@code data}, {@code out},
 * {@code minutes} (30), {@code rate} (reports/s, 5), {@code sample} (s, 30), {@code judge} (min, 20), {@code seed}
 * (the arrival times, 14), {@code drain} (s, 180). {@code plot=DIR} only redraws {@code DIR/soak.png} from
 * {@code DIR/samples.tsv} and {@code DIR/windows.tsv}. Exit code 0 = correct and flat, 1 = not, 2 = no run.
 */
public final class Soak {

    private static final String REPORTER = "staff1";
    private static final String CHIEF = "chief1";
    private static final String CHIEF_MAIL = "chief1@demo-city.example.jp";
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6})\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** The case number in the subject of a NEW_REPORT mail (not the overdue notices that follow once 直ちに passed). */
    private static final Pattern NEW_REPORT = Pattern.compile("(?<=インシデント報告 )[A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6}");
    /** Slope bounds of the verdict, per minute over the judged span. */
    static final double RSS_MB_PER_MIN = 2.0;
    static final double HEAP_MB_PER_MIN = 0.5;
    static final double LATENCY_MS_PER_MIN = 20.0;
    static final double LATENCY_SHARE_PER_MIN = 0.02;

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private MailCatcher.Arrivals chiefInbox;
    private volatile String token;

    private Soak(Map<String, String> options) {
        this.options = options;
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
            if (options.containsKey("plot")) {
                Path dir = Path.of(options.get("plot"));
                Table windows = Table.read(dir.resolve("windows.tsv"));
                double minutes = options.containsKey("minutes") ? Double.parseDouble(options.get("minutes"))
                        : Math.ceil(windows.column("minute").stream().mapToDouble(d -> d).max().orElse(1));
                Table samples = Table.read(dir.resolve("samples.tsv"));
                double judge = Double.parseDouble(options.getOrDefault("judge", "20"));
                Plot.draw(samples, windows, minutes, judge, dir.resolve("soak.png"));
                Figures f = new Figures(); // the verdict again, from the files (e.g. after removing a bad sample)
                flatness(f, samples, windows, minutes, judge);
                f.write(dir.resolve("flatness-replotted.txt"), loadAverage());
                code = 0;
            } else {
                code = new Soak(options).run();
            }
        } catch (Exception e) {
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        Path tree = Path.of(required("tree")).toAbsolutePath().normalize();
        Path data = Path.of(required("data")).toAbsolutePath();
        Path out = Path.of(required("out")).toAbsolutePath();
        double minutes = number("minutes", "30");
        double rate = number("rate", "5");
        int sample = (int) number("sample", "30");
        double judge = Math.min(number("judge", "20"), minutes);
        Map<String, String> env = new HashMap<>();
        // The per-person filing limit (30 a minute in prod) would refuse one person's 5 reports a second.
        env.put("HORENSO_FILING_RATE_LIMIT_MAX", "1000000");
        // Every hop's deadline (直ちに): by default none passes during the soak, so the load is steady from the
        // start (with the policy's PT15M the first time-outs step the mail work up at minute 15, inside the judged
        // span; with PT2M every chain times out to its end, several times the work per case).
        env.put("HORENSO_ESCALATION_IMMEDIATE", options.getOrDefault("immediate", "PT2H"));
        LocalStack.Settings settings = LocalStack.Settings.forTests(tree, data, env);
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> close(closed));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            log("starting the local stack on free ports (data in " + data + "); load average " + loadAverage());
            stack = LocalStack.start(settings);
            chiefInbox = stack.mail().arrivals(CHIEF_MAIL, NEW_REPORT);
            token = PasswordGrant.accessToken(stack.keycloak().realmUrl(), REPORTER);
            if (!probe()) {
                return 2;
            }
            return soak(out, minutes, rate, sample, judge);
        } finally {
            close(closed);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** One report through to the chief's mail before the clock starts (the seeds reach incident-service late). */
    private boolean probe() throws InterruptedException {
        log("ready check: one report through to the section chief's mail …");
        Filed probe = file(-1, "準備確認 / readiness probe").join();
        for (int i = 0; i < 240 && probe.number == null; i++) {
            Thread.sleep(500);
            probe = file(-1, "準備確認 / readiness probe").join();
        }
        if (probe.number == null) {
            log("readiness probe refused: " + probe.failure);
            return false;
        }
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            if (chiefInbox.read().containsKey(probe.number)) {
                log("ready: " + probe.number + " reached the section chief");
                return true;
            }
            Thread.sleep(500);
        }
        log("no mail for the probe " + probe.number + " within 3 minutes");
        return false;
    }

    // ------------------------------------------------------------------------------------------------ the run

    private int soak(Path out, double minutes, double rate, int sample, double judge) throws Exception {
        Files.createDirectories(out);
        long durationMs = Math.round(minutes * 60_000);
        long t0 = System.currentTimeMillis();
        List<CompletableFuture<Filed>> filed = java.util.Collections.synchronizedList(new ArrayList<>());
        Table samples = new Table();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            long next = t0;
            while (running.get()) {
                try {
                    samples.add(sample(t0));
                    if (samples.rows.size() % 2 == 0) {
                        log(liveLine(samples, filed, t0, sample));
                    }
                    next += sample * 1000L;
                    Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log("sample failed: " + e);
                }
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        Thread tokens = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                    token = PasswordGrant.accessToken(stack.keycloak().realmUrl(), REPORTER);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log("token refresh failed (kept the old one): " + e.getMessage());
                }
            }
        }, "soak-tokens");
        tokens.setDaemon(true);
        log(String.format(Locale.ROOT, "filing for %.0f min at %.2f reports/s (Poisson arrivals), sampling every %d s;"
                + " load average %s", minutes, rate, sample, loadAverage()));
        sampler.start();
        tokens.start();
        Random gaps = new Random((long) number("seed", "14"));
        long period = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long next = start;
        long end = start + durationMs * 1_000_000L;
        for (int i = 0; next < end; i++) {
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            filed.add(file(i, "耐久試験 " + i + " / soak " + i));
            next += (long) (-Math.log(1 - gaps.nextDouble()) * period);
        }
        log("filing done: " + filed.size() + " reports; waiting for the last mails …");
        List<Filed> reports = filed.stream().map(CompletableFuture::join).toList();
        List<Filed> accepted = reports.stream().filter(r -> r.number != null).toList();
        long drainEnd = System.nanoTime() + (long) number("drain", "180") * 1_000_000_000L;
        while (System.nanoTime() < drainEnd) {
            Map<String, List<Long>> mails = chiefInbox.read();
            if (accepted.stream().allMatch(r -> mails.containsKey(r.number))) {
                break;
            }
            Thread.sleep(500);
        }
        running.set(false);
        sampler.interrupt();
        sampler.join(30_000);
        tokens.interrupt();
        Thread.sleep(10_000); // a late duplicate would arrive by now
        Map<String, List<Long>> mails = chiefInbox.read();

        // Latency per window of filing time: report → its first mail to the section chief.
        Table windows = new Table();
        int count = (int) Math.ceil(durationMs / (sample * 1000.0));
        List<List<Long>> perWindow = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            perWindow.add(new ArrayList<>());
        }
        List<Long> all = new ArrayList<>();
        for (Filed r : accepted) {
            List<Long> times = mails.get(r.number);
            if (times == null) {
                continue;
            }
            long latency = times.get(0) - r.sentAt;
            all.add(latency);
            int w = (int) Math.min(count - 1, Math.max(0, (r.sentAt - t0) / (sample * 1000L)));
            perWindow.get(w).add(latency);
        }
        for (int w = 0; w < count; w++) {
            List<Long> l = perWindow.get(w);
            l.sort(null);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("minute", (w + 0.5) * sample / 60.0);
            row.put("reports", (double) l.size());
            row.put("p50 ms", l.isEmpty() ? Double.NaN : (double) Percentiles.of(l, 50));
            row.put("p99 ms", l.isEmpty() ? Double.NaN : (double) Percentiles.of(l, 99));
            windows.add(row);
        }
        all.sort(null);
        samples.write(out.resolve("samples.tsv"));
        windows.write(out.resolve("windows.tsv"));

        Figures f = new Figures();
        f.put("run.minutes", minutes, "min of filing", true);
        f.put("run.rate", rate, "reports/s (Poisson arrivals)", true);
        f.put("run.load-average.mean", samples.column("load1").stream().mapToDouble(d -> d).average().orElse(0),
                "1-min load average, mean of the samples (2 cores, shared)", true);
        f.put("run.load-average.max", samples.column("load1").stream().mapToDouble(d -> d).max().orElse(0),
                "1-min load average, highest sample", true);
        correctness(f, reports, accepted, mails);
        if (!all.isEmpty()) {
            f.put("latency.all.p50", Percentiles.of(all, 50), "ms, report → chief's mail at the SMTP server", true);
            f.put("latency.all.p99", Percentiles.of(all, 99), "ms", true);
            f.put("latency.all.max", all.get(all.size() - 1), "ms", true);
        }
        flatness(f, samples, windows, minutes, judge);
        f.write(out.resolve("figures.txt"), loadAverage());
        Plot.draw(samples, windows, minutes, judge, out.resolve("soak.png"));
        log("plot: " + out.resolve("soak.png"));
        return f.failures.isEmpty() ? 0 : 1;
    }

    private void correctness(Figures f, List<Filed> reports, List<Filed> accepted, Map<String, List<Long>> mails)
            throws Exception {
        f.put("reports.filed", reports.size(), "reports", true);
        long refused = reports.size() - accepted.size();
        reports.stream().filter(r -> r.number == null).limit(5).forEach(r -> log("refused: " + r.failure));
        f.put("reports.refused", refused, "reports without 201", refused == 0);
        Set<String> chiefHops = new HashSet<>();
        query("escalation", "select incident_id::text from hop where chain_step = 'section-chief'"
                + " and recipient_username = '" + CHIEF + "'", rs -> chiefHops.add(rs.getString(1)));
        long noHop = accepted.stream().filter(r -> !chiefHops.contains(r.id)).count();
        f.put("chain.no-section-chief-hop", noHop, "cases whose chain never reached the section chief", noHop == 0);
        long missing = accepted.stream().filter(r -> !mails.containsKey(r.number)).count();
        long doubled = accepted.stream().filter(r -> mails.getOrDefault(r.number, List.of()).size() > 1).count();
        accepted.stream().filter(r -> !mails.containsKey(r.number)).limit(5)
                .forEach(r -> log("no mail to the chief for " + r.number));
        f.put("mail.missing", missing, "cases without a NEW_REPORT mail to the section chief", missing == 0);
        f.put("mail.duplicated", doubled, "cases with more than one NEW_REPORT mail to the section chief", doubled == 0);
        long dlq = dlqRecords();
        f.put("dlq.records", dlq, "records on every dead-letter topic", dlq == 0);
    }

    /**
     * A least-squares line through the judged span of every series; its slope against the stated bound. Memory both
     * ways (growth is a leak, shrinking a cache given back; either means "not settled"), except this JVM's resident
     * memory, which holds every mail the catcher received and is reported only (its old generation after GC is
     * judged). Latency one way: a soak looks for growth; latency that falls as the shared machine's load falls is not
     * a failure (the slope is printed either way).
     */
    static void flatness(Figures f, Table samples, Table windows, double minutes, double judge) {
        double from = minutes - judge;
        for (String column : samples.columns()) {
            boolean rss = column.startsWith("rss ") || column.startsWith("pss ");
            boolean heap = column.startsWith("heap-after-gc ");
            if (!rss && !heap) {
                continue;
            }
            // This JVM holds every mail received; PostgreSQL's PSS includes the shared buffers, which fill up to
            // shared_buffers as the database grows: its private memory ("pss postgres-private") is judged instead.
            boolean judged = !column.contains("bench-jvm") && !column.equals("pss postgres");
            double[] fit = fit(samples, column, from, minutes);
            if (fit == null) {
                f.put("flat." + column.replace(' ', '.'), Double.NaN, "no samples", true);
                continue;
            }
            double bound = rss ? RSS_MB_PER_MIN : HEAP_MB_PER_MIN;
            f.put("flat." + column.replace(' ', '.'), fit[0], String.format(Locale.ROOT,
                    "MB/min slope over the last %.0f min (mean %.1f MB; bound ±%.1f MB/min%s)", judge, fit[1], bound,
                    judged
                            ? ""
                            : column.contains("bench-jvm")
                                    ? "; reported, not judged: the runner, whose mail catcher keeps every mail"
                                    : "; reported, not judged: includes the shared buffers filling up"),
                    !judged || Math.abs(fit[0]) <= bound);
        }
        for (String column : List.of("p50 ms", "p99 ms")) {
            double[] fit = fit(windows, column, from, minutes);
            if (fit == null) {
                f.put("flat.latency." + column.split(" ")[0], Double.NaN, "no windows", false);
                continue;
            }
            double bound = Math.max(LATENCY_MS_PER_MIN, LATENCY_SHARE_PER_MIN * fit[1]);
            f.put("flat.latency." + column.split(" ")[0], fit[0], String.format(Locale.ROOT,
                    "ms/min slope over the last %.0f min (mean %.0f ms; must not grow faster than %.1f ms/min ="
                    + " max(%.0f, %.0f%% of the mean))", judge, fit[1], bound, LATENCY_MS_PER_MIN,
                    LATENCY_SHARE_PER_MIN * 100), fit[0] <= bound);
        }
    }

    /** {slope per minute, mean} of {@code column} against "minute" in [from, to]; null without 3 points. */
    static double[] fit(Table table, String column, double from, double to) {
        List<double[]> points = new ArrayList<>();
        for (Map<String, Double> row : table.rows) {
            Double x = row.get("minute");
            Double y = row.get(column);
            if (x != null && y != null && !y.isNaN() && y >= 0 && x >= from && x <= to) {
                points.add(new double[] {x, y});
            }
        }
        if (points.size() < 3) {
            return null;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return new double[] {sxx == 0 ? 0 : sxy / sxx, my};
    }

    // ------------------------------------------------------------------------------------------------ sampling

    /** One sample: minute, load, and the memory of every part in MB. */
    private Map<String, Double> sample(long t0) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("minute", (System.currentTimeMillis() - t0) / 60_000.0);
        row.put("load1", Double.parseDouble(loadAverage().split(" ")[0]));
        for (String service : LocalStack.SERVICES) {
            ChildProcess process = stack.services().get(service);
            long pid = jvmOf(process);
            row.put("rss " + service, status(pid, "VmRSS:") / 1024.0);
            Map<String, Double> metrics = metrics(stack.serviceUrl(service));
            row.put("heap-used " + service, metrics.getOrDefault("heap-used", -1.0));
            row.put("heap-after-gc " + service, metrics.getOrDefault("heap-after-gc", -1.0));
        }
        long postmaster = postmaster();
        long[] pg = postgresMemory(postmaster);
        row.put("pss postgres", pg[0] / 1024.0);
        row.put("rss-sum postgres", pg[1] / 1024.0);
        // What the processes hold privately (a leak would show here), apart from the shared buffers they map, which
        // fill up to shared_buffers as the database grows and are counted in PSS.
        row.put("pss postgres-private", pg[2] / 1024.0);
        row.put("shared postgres", pg[3] / 1024.0);
        row.put("rss bench-jvm (kafka, mail catcher)", status(ProcessHandle.current().pid(), "VmRSS:") / 1024.0);
        Runtime r = Runtime.getRuntime();
        row.put("heap-used bench-jvm", (r.totalMemory() - r.freeMemory()) / 1048576.0);
        // The old generation as the last collection left it: whether what this JVM keeps (the broker, every mail
        // the catcher received) grows, apart from how lazily its heap is collected.
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .findFirst()
                .ifPresent(p -> row.put("heap-after-gc bench-jvm", p.getCollectionUsage().getUsed() / 1048576.0));
        row.put("rss keycloak", status(jvmOf(stack.keycloak().process()), "VmRSS:") / 1024.0);
        return row;
    }

    /**
     * From Micrometer's Prometheus text: the heap in use (sum over the heap pools) and the long-lived (tenured) pool
     * as the last collection left it ({@code jvm_memory_usage_after_gc} × that pool's maximum), in MB.
     */
    private Map<String, Double> metrics(String serviceUrl) {
        Map<String, Double> result = new HashMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return result;
            }
            double heapUsed = 0;
            double afterGcShare = -1;
            double longLivedMax = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean heapArea = line.contains("area=\"heap\"");
                boolean tenured = line.contains("Tenured") || line.contains("Old Gen");
                if (line.startsWith("jvm_memory_used_bytes{") && heapArea) {
                    heapUsed += value;
                } else if (line.startsWith("jvm_memory_usage_after_gc") && heapArea) {
                    afterGcShare = value;
                } else if (line.startsWith("jvm_memory_max_bytes{") && heapArea && tenured) {
                    longLivedMax = value;
                }
            }
            result.put("heap-used", heapUsed / 1048576.0);
            if (afterGcShare >= 0 && longLivedMax > 0) {
                result.put("heap-after-gc", afterGcShare * longLivedMax / 1048576.0);
            }
        } catch (IOException e) {
            // not answering this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private long postmaster() {
        try {
            Path pid = Path.of(required("data")).toAbsolutePath().resolve("postgres/data/postmaster.pid");
            return Long.parseLong(Files.readAllLines(pid).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {sum of PSS, sum of RSS, sum of anonymous PSS, sum of shared-memory PSS} in kB of the postmaster and its
     * children (backends, background workers).
     */
    private static long[] postgresMemory(long postmaster) {
        long pss = 0;
        long rss = 0;
        long anon = 0;
        long shmem = 0;
        if (postmaster <= 0) {
            return new long[] {-1024, -1024, -1024, -1024};
        }
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        for (long pid : pids) {
            rss += Math.max(0, status(pid, "VmRSS:"));
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pss += Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (line.startsWith("Pss_Anon:")) {
                        anon += Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (line.startsWith("Pss_Shmem:")) {
                        shmem += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return new long[] {pss, rss, anon, shmem};
    }

    /**
     * The JVM a child process of the stack runs: below the local stack's watchdog shell are the program (java, or
     * Keycloak's launcher script that starts java) and the watchdog's own {@code sleep}s.
     */
    private static long jvmOf(ChildProcess process) {
        return process.programPid().flatMap(ProcessHandle::of).flatMap(ProcessHandle::parent)
                .flatMap(watchdog -> watchdog.descendants()
                        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .findFirst())
                .map(ProcessHandle::pid).orElse(-1L);
    }

    /** A kB field of /proc/pid/status, or -1024 (−1 MB) when the process is gone. */
    private static long status(long pid, String field) {
        if (pid <= 0) {
            return -1024;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1024;
    }

    /** What the last full window looked like, for the log while the soak runs. */
    private String liveLine(Table samples, List<CompletableFuture<Filed>> filed, long t0, int sample) {
        Map<String, Double> last = samples.rows.get(samples.rows.size() - 1);
        Map<String, List<Long>> mails = chiefInbox.read();
        long windowEnd = System.currentTimeMillis() - 60_000; // reports of a minute ago have had time to arrive
        List<Long> latencies = new ArrayList<>();
        int pending = 0;
        List<CompletableFuture<Filed>> snapshot;
        synchronized (filed) {
            snapshot = new ArrayList<>(filed);
        }
        int unanswered = 0;
        for (CompletableFuture<Filed> future : snapshot) {
            Filed r = future.getNow(null);
            if (r == null) {
                unanswered++;
                continue;
            }
            if (r.number == null) {
                continue;
            }
            List<Long> times = mails.get(r.number);
            if (times == null) {
                pending++;
            } else if (r.sentAt >= windowEnd - sample * 1000L && r.sentAt < windowEnd) {
                latencies.add(times.get(0) - r.sentAt);
            }
        }
        latencies.sort(null);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "min %.1f load %.2f | filed %d, POST unanswered %d, awaiting mail %d", last.get("minute"),
                last.get("load1"), snapshot.size(), unanswered, pending));
        if (!latencies.isEmpty()) {
            s.append(String.format(Locale.ROOT, " | latency a minute ago p50 %d p99 %d ms (n=%d)",
                    Percentiles.of(latencies, 50), Percentiles.of(latencies, 99), latencies.size()));
        }
        s.append(" | RSS MB");
        last.forEach((k, v) -> {
            if (k.startsWith("rss ") || k.startsWith("pss ")) {
                s.append(String.format(Locale.ROOT, " %s %.0f", k.substring(4).split(" ")[0], v));
            }
        });
        s.append(" | heap after GC MB");
        last.forEach((k, v) -> {
            if (k.startsWith("heap-after-gc ")) {
                s.append(String.format(Locale.ROOT, " %s %.1f", k.substring(14).split("-")[0], v));
            }
        });
        return s.toString();
    }

    // ------------------------------------------------------------------------------------------------ filing

    /** A report as filed: when the POST was sent and answered, its case number and id (null when refused). */
    private record Filed(int index, long sentAt, String number, String id, String failure) {}

    private CompletableFuture<Filed> file(int index, String title) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"title\":\"" + title + "\",\"description\":\"耐久試験による報告です。 / Filed by the soak.\","
                + "\"occurredAt\":\"" + now.minusHours(2) + "\",\"discoveredAt\":\"" + now.minusMinutes(10)
                + "\",\"reporterType\":\"STAFF\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.serviceUrl("incident-service") + "/api/incidents"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long sentAt = System.currentTimeMillis();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((r, e) -> {
            if (e != null) {
                return new Filed(index, sentAt, null, null, e.toString());
            }
            Matcher m = NUMBER.matcher(r.body());
            Matcher id = ID.matcher(r.body());
            if (r.statusCode() != 201 || !m.find() || !id.find()) {
                return new Filed(index, sentAt, null, null, r.statusCode() + " " + r.body());
            }
            return new Filed(index, sentAt, m.group(1), id.group(1), null);
        });
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private interface Row {
        void accept(ResultSet rs) throws java.sql.SQLException;
    }

    private void query(String database, String sql, Row row) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    /** Records on every dead-letter topic (their end offsets: the DLQ topics are never compacted or deleted). */
    private long dlqRecords() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.endsWith(".dlq")) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                            .partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                                    OffsetSpec.latest()));
                }
            }
            long records = 0;
            if (!ends.isEmpty()) {
                for (var e : admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).entrySet()) {
                    records += e.getValue().offset();
                    if (e.getValue().offset() > 0) {
                        log("DLQ " + e.getKey() + ": " + e.getValue().offset() + " records");
                    }
                }
            }
            return records;
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "0 0 0";
        }
    }

    private void close(AtomicBoolean closed) {
        if (stack != null && closed.compareAndSet(false, true)) {
            log("stopping the local stack …");
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
        System.out.println("[soak " + OffsetDateTime.now(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS)
                + "] " + message);
        System.out.flush();
    }

    /** Figures with a verdict each, printed and written one per line. */
    private static final class Figures {
        final Map<String, String[]> lines = new LinkedHashMap<>();
        final List<String> failures = new ArrayList<>();

        void put(String name, double value, String unit, boolean ok) {
            String v = value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.2f", value);
            lines.put(name, new String[] {v, ok ? "OK" : "FAIL", unit});
            if (!ok) {
                failures.add(name + " = " + v);
            }
        }

        void write(Path file, String load) throws IOException {
            StringBuilder out = new StringBuilder("# soak, " + OffsetDateTime.now(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS) + ", load average at the end " + load + "\n");
            lines.forEach((name, v) -> out.append(String.format(Locale.ROOT, "%-55s %10s  %-4s %s%n", name, v[0],
                    v[1], v[2])));
            out.append(failures.isEmpty() ? "RESULT OK: every figure within its bound\n"
                    : "RESULT FAILED: " + String.join("; ", failures) + "\n");
            System.out.print(out);
            Files.writeString(file, out.toString());
        }
    }

    /** Rows of named numbers, written and read as TSV. */
    static final class Table {
        final List<Map<String, Double>> rows = java.util.Collections.synchronizedList(new ArrayList<>());

        void add(Map<String, Double> row) {
            rows.add(row);
        }

        List<String> columns() {
            Set<String> names = new java.util.LinkedHashSet<>();
            synchronized (rows) {
                rows.forEach(r -> names.addAll(r.keySet()));
            }
            return new ArrayList<>(names);
        }

        List<Double> column(String name) {
            List<Double> values = new ArrayList<>();
            synchronized (rows) {
                rows.forEach(r -> {
                    Double v = r.get(name);
                    if (v != null && !v.isNaN()) {
                        values.add(v);
                    }
                });
            }
            return values;
        }

        void write(Path file) throws IOException {
            List<String> names = columns();
            StringBuilder out = new StringBuilder(String.join("\t", names)).append('\n');
            synchronized (rows) {
                for (Map<String, Double> row : rows) {
                    List<String> cells = new ArrayList<>();
                    for (String name : names) {
                        Double v = row.get(name);
                        cells.add(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", v));
                    }
                    out.append(String.join("\t", cells)).append('\n');
                }
            }
            Files.writeString(file, out.toString());
        }

        static Table read(Path file) throws IOException {
            Table table = new Table();
            List<String> lines = Files.readAllLines(file);
            String[] names = lines.get(0).split("\t");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 0; i < names.length && i < cells.length; i++) {
                    row.put(names[i], cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]));
                }
                table.add(row);
            }
            return table;
        }
    }

    /** The figure: memory per part on top, heap after GC in the middle, latency p50/p99 below; time on x. */
    static final class Plot {
        private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf)};
        private static final int WIDTH = 1200;
        private static final int PANEL = 300;
        private static final int LEFT = 90;
        private static final int RIGHT = 330;
        private static final int TOP = 60;
        private static final int GAP = 70;

        /** {@code minutes} of filing (the samples may go on while the last mails arrive); the last {@code judge} shaded. */
        static void draw(Table samples, Table windows, double minutes, double judge, Path png) throws IOException {
            System.setProperty("java.awt.headless", "true");
            String family = japaneseFont();
            boolean japanese = family != null;
            Font font = new Font(japanese ? family : Font.SANS_SERIF, Font.PLAIN, 14);
            int height = TOP + 3 * PANEL + 3 * GAP;
            BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            double axis = Math.max(1, Math.ceil(samples.column("minute").stream().mapToDouble(d -> d).max()
                    .orElse(minutes)));
            g.setFont(font.deriveFont(Font.BOLD, 18f));
            g.setColor(Color.BLACK);
            g.drawString(label(japanese, "耐久試験（ソーク）", "Soak") + String.format(Locale.ROOT,
                    " — %s", label(japanese, "網掛けは判定区間（最後の " + (int) judge + " 分）",
                            "shaded: the judged span (last " + (int) judge + " min)")), LEFT, 30);
            List<String> memory = new ArrayList<>();
            List<String> heap = new ArrayList<>();
            for (String c : samples.columns()) {
                if ((c.startsWith("rss ") || c.startsWith("pss ")) && samples.column(c).stream().anyMatch(v -> v >= 0)) {
                    memory.add(c);
                } else if (c.startsWith("heap-after-gc ") && !samples.column(c).stream().allMatch(v -> v < 0)) {
                    heap.add(c);
                }
            }
            int y = TOP;
            panel(g, font, samples, memory, axis, minutes, judge, y,
                    label(japanese, "常駐メモリ（MB）", "resident memory (MB)"),
                    label(japanese, "RSS（PostgreSQL は全プロセスの PSS 合計）",
                            "RSS (PostgreSQL: sum of PSS over its processes)"), japanese);
            y += PANEL + GAP;
            panel(g, font, samples, heap, axis, minutes, judge, y,
                    label(japanese, "GC 後のヒープ（MB）", "heap after GC (MB)"),
                    label(japanese, "長命領域の GC 後使用量", "long-lived pool after the last GC"), japanese);
            y += PANEL + GAP;
            panel(g, font, windows, List.of("p50 ms", "p99 ms"), axis, minutes, judge, y,
                    label(japanese, "遅延（ミリ秒）", "latency (ms)"),
                    label(japanese, "報告 → 課長へのメール受理（窓ごと）",
                            "report → section chief's mail accepted by SMTP, per window"), japanese);
            g.dispose();
            ImageIO.write(image, "png", png.toFile());
        }

        private static String label(boolean japanese, String ja, String en) {
            return japanese ? ja + " / " + en : en;
        }

        private static String japaneseFont() {
            for (String name : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
                if (name.equals("IPAexGothic") || name.equals("IPAGothic") || name.equals("Noto Sans CJK JP")) {
                    Font f = new Font(name, Font.PLAIN, 14);
                    if (f.canDisplayUpTo("遅延メモリ") == -1) {
                        return name;
                    }
                }
            }
            return null;
        }

        private static void panel(Graphics2D g, Font font, Table table, List<String> series, double minutes,
                double filing, double judge, int top, String yLabel, String title, boolean japanese) {
            int x0 = LEFT;
            int x1 = WIDTH - RIGHT;
            int y0 = top + PANEL;
            double max = 0;
            for (String s : series) {
                max = Math.max(max, table.column(s).stream().mapToDouble(d -> d).max().orElse(0));
            }
            max = niceCeiling(max <= 0 ? 1 : max * 1.08);
            g.setColor(new Color(0xEEF3FA));
            int js = x(filing - judge, minutes, x0, x1);
            g.fillRect(js, top, x(filing, minutes, x0, x1) - js, PANEL);
            g.setFont(font.deriveFont(Font.BOLD, 15f));
            g.setColor(Color.BLACK);
            g.drawString(title, x0, top - 10);
            g.setFont(font.deriveFont(12f));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 5; i++) {
                double v = max * i / 5;
                int y = y0 - (int) Math.round(PANEL * i / 5.0);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x0, y, x1, y);
                g.setColor(Color.DARK_GRAY);
                String t = v >= 100 || v == 0 ? String.format(Locale.ROOT, "%.0f", v)
                        : String.format(Locale.ROOT, "%.1f", v);
                g.drawString(t, x0 - 8 - fm.stringWidth(t), y + 4);
            }
            int step = minutes > 20 ? 5 : minutes > 8 ? 2 : 1;
            for (int m = 0; m <= minutes; m += step) {
                int x = x(m, minutes, x0, x1);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x, top, x, y0);
                g.setColor(Color.DARK_GRAY);
                String t = Integer.toString(m);
                g.drawString(t, x - fm.stringWidth(t) / 2, y0 + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(x0, top, x1 - x0, PANEL);
            String xLabel = label(japanese, "経過時間（分）", "elapsed time (min)");
            g.drawString(xLabel, (x0 + x1 - fm.stringWidth(xLabel)) / 2, y0 + 34);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(top + PANEL / 2 + fm.stringWidth(yLabel) / 2), 22);
            g.setTransform(saved);
            g.setStroke(new BasicStroke(2f));
            int legend = top + 10;
            for (int i = 0; i < series.size(); i++) {
                String s = series.get(i);
                g.setColor(COLORS[i % COLORS.length]);
                int[] last = null;
                for (Map<String, Double> row : new ArrayList<>(table.rows)) {
                    Double mx = row.get("minute");
                    Double v = row.get(s);
                    if (mx == null || v == null || v.isNaN() || v < 0) {
                        last = null;
                        continue;
                    }
                    int[] p = {x(mx, minutes, x0, x1), y0 - (int) Math.round(v / max * PANEL)};
                    if (last != null) {
                        g.drawLine(last[0], last[1], p[0], p[1]);
                    } else {
                        g.fillOval(p[0] - 2, p[1] - 2, 4, 4);
                    }
                    last = p;
                }
                g.drawLine(x1 + 15, legend + 14 * i + 24 * 0, x1 + 40, legend + 14 * i);
                g.setColor(Color.BLACK);
                g.drawString(legendName(s), x1 + 46, legend + 14 * i + 4);
            }
            g.setStroke(new BasicStroke(1f));
        }

        private static String legendName(String column) {
            return column.replace("rss-sum ", "RSS sum ").replace("rss ", "").replace("pss ", "PSS ")
                    .replace("heap-after-gc ", "").replace(" ms", "");
        }

        private static int x(double minute, double minutes, int x0, int x1) {
            return x0 + (int) Math.round(minute / minutes * (x1 - x0));
        }

        private static double niceCeiling(double v) {
            double p = Math.pow(10, Math.floor(Math.log10(v)));
            for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            return 10 * p;
        }
    }
}
