import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.ClassDataArchive;
import jp.horenso.localstack.Ports;
import jp.horenso.localstack.ServiceJava;
import jp.horenso.localstack.ServiceLaunch;

/**
 * Memory and start-up of the three services (issue 13), configurations compared in ONE run (bench/memory.sh).
 *
 * <p>One PostgreSQL, one Kafka and one mail catcher of local-stack on free ports, BenchKit's OpenID provider instead of
 * Keycloak (tokens as the other benchmarks sign them). A configuration is a checked-out tree whose services are
 * packaged, run as the local stack runs them ({@code java <module>/jvm.options -jar quarkus-run.jar} in
 * {@code target/quarkus-app}, {@code MALLOC_ARENA_MAX=2}, the prod profile), plus optional extra JVM options. First a
 * priming start of the first configuration migrates the fresh databases and onboards the demo organisations (not
 * counted). Then, per round, each configuration in turn (the order alternates round by round: A B, B A, …):
 * <ol>
 *   <li>the three services launched at once: JVM launch → {@code /q/health/ready} 200 of each ("side by side");
 *   <li>{@code warmup} s then {@code duration} s of reports filed as staff1 through incident-service at {@code rate}
 *       per second (Poisson), so that all three work (chain, hop, mail to the section chief); VmRSS sampled every 2 s
 *       (mean and max over the measured window), at its end VmRSS, VmHWM, RssAnon/RssFile, threads, CPU per report,
 *       and {@code jcmd VM.native_memory summary} (committed MB per category; the JVMs run with
 *       {@code -XX:NativeMemoryTracking=summary}, whose own cost is its "Native Memory Tracking" line);
 *   <li>each service stopped and started again alone, the other two running idle: launch → ready ("alone").
 * </ol>
 * With each start also the CPU its JVM used until ready ("cpu s"), which the machine's other load changes far less
 * than the wall-clock time.
 * At the end: every accepted report got exactly one NEW_REPORT mail to the section chief; a table per configuration
 * (medians over the rounds) and the ratios of each later configuration to the first; the 1-minute load average at
 * every phase.
 *
 * <p>Arguments {@code key=value}: {@code configs=A,B} (labels), {@code tree.A=DIR}, {@code java.A=JDK},
 * {@code extra.A="-Xss512k …"}
 * (JVM options after jvm.options, before -jar), {@code rounds} (2), {@code rate} (4), {@code warmup} (20),
 * {@code duration} (60), {@code nmt} (true), {@code data}, {@code out}.
 */
public final class Memory {

    static final List<String> SERVICES = List.of("incident-service", "escalation-service", "notification-service");
    private static final String CHIEF_MAIL = "chief1@demo-city.example.jp";
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6})\"");
    private static final Pattern NEW_REPORT = Pattern.compile("(?<=インシデント報告 )[A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6}");
    private static final Pattern NMT_LINE =
            Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private final Map<String, String> opts;
    private final Path data;
    private final Path out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Random gaps = new Random(13);
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private MailCatcher mail;
    private MailCatcher.Arrivals chiefInbox;
    private BenchKit.IdentityProvider idp;
    private String token;
    private int refused;

    /** One configuration's figures of one round: name → value, per service. */
    private final Map<String, List<Map<String, Map<String, Double>>>> results = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();
    /** The class-data archives each configuration's measured starts ran with (packaged, trained, none). */
    private final Map<String, java.util.Set<String>> classDataUsed = new LinkedHashMap<>();
    /** Every service process started, stopped at the end whatever happened. */
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

    private Memory(Map<String, String> opts) {
        this.opts = opts;
        this.data = Path.of(opts.get("data")).toAbsolutePath();
        this.out = Path.of(opts.get("out")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchKit.options(args, Map.of("configs", "A", "rounds", "2", "rate", "4",
                "warmup", "20", "duration", "60", "nmt", "true"), new ArrayList<>());
        int code;
        Memory bench = new Memory(opts);
        Thread hook = new Thread(bench::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            code = bench.run();
        } finally {
            bench.close();
        }
        System.exit(code);
    }

    private int run() throws Exception {
        Files.createDirectories(out.resolve("logs"));
        List<String> configs = List.of(opts.get("configs").split(","));
        for (String c : configs) {
            Path tree = tree(c);
            for (String s : SERVICES) {
                Path jar = tree.resolve(s).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("not built: " + jar);
                }
            }
            BenchKit.log("config %s = %s, Java %s, jvm.options + %s, class data %s", c, tree, java(c).version(),
                    extra(c), classData(c));
        }
        for (String s : SERVICES) {
            ports.put(s, Ports.free());
        }
        load("start");
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), Ports.free(), true);
        postgres.ensureDatabases("incident", "escalation", "notification").ensureApplicationRole();
        kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), Ports.free(), Ports.free());
        mail = MailCatcher.start(Ports.free(), Ports.free(), 0);
        chiefInbox = mail.arrivals(CHIEF_MAIL, NEW_REPORT);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        idp = BenchKit.IdentityProvider.start(keys);
        token = new BenchKit.Tokens(keys, idp.issuer())
                .sign("staff1", "demo-city", "general-affairs-section", "general-affairs", "staff");

        train(configs);
        // Priming: migrations on the fresh databases, the organisations onboarded, one report through to the chief.
        BenchKit.log("priming with %s (migrations, onboarding; not counted) …", configs.get(0));
        Map<String, Running> primed = startSideBySide(configs.get(0), "prime");
        probe();
        stopAll(primed);

        int rounds = Integer.parseInt(opts.get("rounds"));
        for (int r = 1; r <= rounds; r++) {
            List<String> order = new ArrayList<>(configs);
            if (r % 2 == 0) {
                Collections.reverse(order);
            }
            for (String c : order) {
                results.computeIfAbsent(c, k -> new ArrayList<>()).add(round(c, r));
            }
        }
        boolean correct = check();
        if (rounds > 0) {
            report(configs, rounds, correct);
        }
        return correct ? 0 : 1;
    }

    private Map<String, Map<String, Double>> round(String config, int round) throws Exception {
        String tag = config + "-r" + round;
        Map<String, Map<String, Double>> f = new LinkedHashMap<>();
        SERVICES.forEach(s -> f.put(s, new LinkedHashMap<>()));
        load(tag + " side-by-side start");
        Map<String, Running> running = startSideBySide(config, tag);
        running.forEach((s, p) -> f.get(s).put("start.side-by-side s", p.readySeconds));
        running.forEach((s, p) -> f.get(s).put("start.side-by-side cpu s", p.readyCpuSeconds));

        load(tag + " warm-up");
        List<CompletableFuture<String>> filed = new ArrayList<>();
        fileFor(Integer.parseInt(opts.get("warmup")), filed, null, running);
        load(tag + " measured load");
        Map<String, long[]> rss = new HashMap<>(); // sum, count, max (KB)
        Map<String, Long> cpu0 = new HashMap<>();
        for (var e : running.entrySet()) {
            cpu0.put(e.getKey(), BenchKit.cpuTicks(e.getValue().process.pid()));
        }
        int before = filed.size();
        fileFor(Integer.parseInt(opts.get("duration")), filed, rss, running);
        int measured = filed.size() - before;
        for (var e : running.entrySet()) {
            String s = e.getKey();
            long pid = e.getValue().process.pid();
            Map<String, Double> g = f.get(s);
            g.put("cpu ms/report", (BenchKit.cpuTicks(pid) - cpu0.get(s)) * 1000.0 / BenchKit.TICKS_PER_SECOND
                    / Math.max(1, measured));
            long[] sample = rss.get(s);
            g.put("rss.mean MB", sample[0] / (double) sample[1] / 1024);
            g.put("rss.max MB", sample[2] / 1024.0);
            Map<String, Long> status = status(pid);
            g.put("rss.end MB", status.getOrDefault("VmRSS", 0L) / 1024.0);
            g.put("hwm MB", status.getOrDefault("VmHWM", 0L) / 1024.0);
            g.put("rss.anon MB", status.getOrDefault("RssAnon", 0L) / 1024.0);
            g.put("rss.file MB", status.getOrDefault("RssFile", 0L) / 1024.0);
            g.put("threads", (double) status.getOrDefault("Threads", 0L));
            if (Boolean.parseBoolean(opts.get("nmt"))) {
                nmt(pid, g, out.resolve("nmt-" + tag + "-" + s + ".txt"));
            }
        }
        for (CompletableFuture<String> c : filed) {
            String number = c.join();
            if (number == null) {
                refused++;
            } else {
                accepted.add(number);
            }
        }
        drain();
        load(tag + " alone starts");
        for (String s : SERVICES) {
            running.get(s).stop();
            Running again = start(config, s, tag + "-alone");
            again.awaitReady();
            running.put(s, again);
            f.get(s).put("start.alone s", again.readySeconds);
            f.get(s).put("start.alone cpu s", again.readyCpuSeconds);
        }
        stopAll(running);
        BenchKit.log("%s: %s", tag, f);
        return f;
    }

    // ------------------------------------------------------------------------------------------------ services

    private Path tree(String config) {
        return Path.of(opts.getOrDefault("tree." + config, ".")).toAbsolutePath().normalize();
    }

    private List<String> extra(String config) {
        List<String> extra = new ArrayList<>();
        String given = opts.getOrDefault("extra." + config, "").strip();
        if (!given.isEmpty()) {
            extra.addAll(Arrays.asList(given.split("\\s+")));
        }
        if (Boolean.parseBoolean(opts.get("nmt"))) {
            extra.add("-XX:NativeMemoryTracking=summary");
        }
        return extra;
    }

    private final class Running {
        final String service;
        final Process process;
        final long launched;
        final ServiceLaunch launch;
        final Path log;
        double readySeconds;
        /** CPU the JVM used from launch to ready (user + system): what the start costs, whatever else runs. */
        double readyCpuSeconds;

        Running(String service, Process process, long launched, ServiceLaunch launch, Path log) {
            this.service = service;
            this.process = process;
            this.launched = launched;
            this.launch = launch;
            this.log = log;
        }

        void awaitReady() throws Exception {
            URI uri = URI.create("http://127.0.0.1:" + ports.get(service) + "/q/health/ready");
            long end = launched + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < end) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " stopped; see its log in " + out.resolve("logs"));
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        readySeconds = (System.nanoTime() - launched) / 1e9;
                        readyCpuSeconds = BenchKit.cpuTicks(process.pid()) / BenchKit.TICKS_PER_SECOND;
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(service + " not ready within 10 minutes");
        }

        void stop() throws InterruptedException {
            process.destroy();
            // A training run writes its class-data archive as it exits (minutes on this machine).
            Duration grace = launch.stopGrace().compareTo(Duration.ofMinutes(5)) > 0 ? launch.stopGrace()
                    : Duration.ofMinutes(5);
            if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            launch.afterExit(readySeconds > 0, log);
        }
    }

    private Map<String, Running> startSideBySide(String config, String tag) throws Exception {
        return startSideBySide(config, tag, classData(config));
    }

    private Map<String, Running> startSideBySide(String config, String tag, ClassDataArchive.Policy classData)
            throws Exception {
        Map<String, Running> running = new LinkedHashMap<>();
        for (String s : SERVICES) {
            running.put(s, start(config, s, tag, classData));
        }
        for (Running p : running.values()) {
            p.awaitReady();
        }
        return running;
    }

    private Running start(String config, String service, String tag) throws IOException {
        return start(config, service, tag, classData(config));
    }

    /** The service as the local stack launches it (local-stack's ServiceLaunch), on this benchmark's parts. */
    private Running start(String config, String service, String tag, ClassDataArchive.Policy classData)
            throws IOException {
        Path log = out.resolve("logs/" + tag + "-" + service + ".log");
        ServiceLaunch launch = ServiceLaunch.of(tree(config), service)
                .classData(classData)
                .java(java(config))
                .jvmOptions(extra(config))
                .port(ports.get(service))
                .localRuntime()
                .postgres(postgres, service.substring(0, service.indexOf('-')))
                .kafka(kafka.bootstrapServers())
                .oidc(idp.issuer())
                .incidentUrl("http://localhost:" + ports.get("incident-service"))
                .notificationUrl("http://localhost:" + ports.get("notification-service"))
                .ackLinkKey("bench-ack-link-key-not-a-secret-0123456789abcdef")
                .sealKey("bench-seal-key-not-a-secret-0123456789-abcdef")
                .consoleUrl("http://127.0.0.1:9")
                .mail(mail.smtpPort())
                .demoOrganisations()
                // 直ちに: no deadline passes during the run, so the load is the steady filing → chain → mail pipeline.
                .env("HORENSO_ESCALATION_IMMEDIATE", "PT2H")
                .env("HORENSO_FILING_RATE_LIMIT_MAX", "1000000");
        ProcessBuilder builder = launch.processBuilder().redirectErrorStream(true).redirectOutput(log.toFile());
        String kind = launch.classDataChoice().kind().name().toLowerCase(Locale.ROOT);
        if (!tag.equals("train")) {
            classDataUsed.computeIfAbsent(config, k -> new java.util.TreeSet<>()).add(kind);
        }
        long launched = System.nanoTime();
        Process process = builder.start();
        processes.add(process);
        return new Running(service, process, launched, launch, log);
    }

    /**
     * The JDK a configuration's services run on: {@code java.LABEL=DIR} (a JDK's folder), else as the local stack
     * ({@code HORENSO_SERVICE_JAVA_HOME}, else this benchmark's own JVM).
     */
    private ServiceJava java(String config) {
        String given = opts.getOrDefault("java." + config, "").strip();
        return given.isEmpty() ? ServiceJava.fromEnvironment() : ServiceJava.of(Path.of(given));
    }

    /**
     * The class-data archive a configuration's services start with: {@code cds.LABEL=packaged} (the build's
     * app-cds.jsa), {@code trained} (the archive of a training run, made first if none fits), or by default as the
     * local stack does (the trained archive when one fits, else the packaged one).
     */
    private ClassDataArchive.Policy classData(String config) {
        String given = opts.get("cds." + config);
        return given == null ? ClassDataArchive.Policy.fromEnvironment(ClassDataArchive.Policy.TRAINED)
                .withoutTraining() : ClassDataArchive.Policy.valueOf(given.strip().toUpperCase(Locale.ROOT))
                .withoutTraining();
    }

    /**
     * A training run for every configuration asked to start with a trained archive when one of its services has
     * none that fits: the three started with -XX:ArchiveClassesAtExit, one report through to the chief's mail,
     * stopped (each JVM writes its archive as it exits; kept once the JVM accepts it). Not counted.
     */
    private void train(List<String> configs) throws Exception {
        for (String c : configs) {
            if (!"trained".equalsIgnoreCase(opts.getOrDefault("cds." + c, "").strip())) {
                continue;
            }
            boolean fit = SERVICES.stream().allMatch(s -> ClassDataArchive.in(
                    tree(c).resolve(s).resolve("target/quarkus-app"), java(c)).fits());
            if (fit) {
                BenchKit.log("config %s: every service has a trained class-data archive that fits", c);
                continue;
            }
            BenchKit.log("config %s: training run (class-data archives written at exit; not counted) …", c);
            load(c + " training run");
            Map<String, Running> training = startSideBySide(c, "train", ClassDataArchive.Policy.TRAIN);
            probe();
            long stopping = System.nanoTime();
            // The three write their archives side by side.
            training.values().forEach(r -> r.process.destroy());
            stopAll(training);
            BenchKit.log("config %s: training run stopped and its archives checked in %.0f s", c,
                    (System.nanoTime() - stopping) / 1e9);
            for (String s : SERVICES) {
                if (!ClassDataArchive.in(tree(c).resolve(s).resolve("target/quarkus-app"), java(c)).fits()) {
                    throw new IllegalStateException(c + ": no trained class-data archive for " + s
                            + " after the training run; see " + out.resolve("logs/train-" + s + ".log"));
                }
            }
        }
    }

    private void stopAll(Map<String, Running> running) throws InterruptedException {
        List<String> reverse = new ArrayList<>(running.keySet());
        Collections.reverse(reverse);
        for (String s : reverse) {
            running.get(s).stop();
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    private CompletableFuture<String> file(String title) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"title\":\"" + title + "\",\"description\":\"メモリ測定による報告です。 / Filed by the memory"
                + " benchmark.\",\"occurredAt\":\"" + now.minusHours(2) + "\",\"discoveredAt\":\""
                + now.minusMinutes(10) + "\",\"reporterType\":\"STAFF\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.get("incident-service") + "/api/incidents"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((r, e) -> {
            if (e != null || r.statusCode() != 201) {
                BenchKit.log("refused: %s", e != null ? e : r.statusCode() + " " + r.body());
                return null;
            }
            Matcher m = NUMBER.matcher(r.body());
            return m.find() ? m.group(1) : null;
        });
    }

    /** Files reports at the rate for {@code seconds}; samples VmRSS every 2 s into {@code rss} when given. */
    private void fileFor(int seconds, List<CompletableFuture<String>> filed, Map<String, long[]> rss,
            Map<String, Running> running) throws Exception {
        double rate = Double.parseDouble(opts.get("rate"));
        long period = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long next = start;
        long nextSample = start;
        while (next < end) {
            long now = System.nanoTime();
            if (rss != null && now >= nextSample) {
                for (var e : running.entrySet()) {
                    long kb = status(e.getValue().process.pid()).getOrDefault("VmRSS", 0L);
                    long[] s = rss.computeIfAbsent(e.getKey(), k -> new long[3]);
                    s[0] += kb;
                    s[1]++;
                    s[2] = Math.max(s[2], kb);
                }
                nextSample += 2_000_000_000L;
            }
            if (now >= next) {
                filed.add(file("メモリ測定 " + filed.size() + " / memory benchmark"));
                next += (long) (-Math.log(1 - gaps.nextDouble()) * period);
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.min(next, rss != null ? nextSample : next) - now);
            }
        }
    }

    /** One report through to the section chief's mail (the organisations reach incident-service after start). */
    private void probe() throws Exception {
        String number = null;
        for (int i = 0; i < 240 && number == null; i++) {
            number = file("準備確認 / readiness probe").join();
            if (number == null) {
                Thread.sleep(500);
            }
        }
        if (number == null) {
            throw new IllegalStateException("the readiness probe was never accepted");
        }
        accepted.add(number);
        drain();
        BenchKit.log("primed: %s reached the section chief", number);
    }

    /** Waits (up to 3 minutes) until every accepted report's mail reached the chief. */
    private void drain() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            Map<String, List<Long>> mails = chiefInbox.read();
            if (accepted.stream().allMatch(mails::containsKey)) {
                return;
            }
            Thread.sleep(500);
        }
        BenchKit.log("not every report reached the chief within 3 minutes");
    }

    private boolean check() throws InterruptedException {
        Thread.sleep(5_000); // a late duplicate would arrive by now
        Map<String, List<Long>> mails = chiefInbox.read();
        long missing = accepted.stream().filter(n -> !mails.containsKey(n)).count();
        long doubled = accepted.stream().filter(n -> mails.getOrDefault(n, List.of()).size() > 1).count();
        BenchKit.log("check: %d reports accepted, %d refused, %d without a chief mail, %d with more than one",
                accepted.size(), refused, missing, doubled);
        return missing == 0 && doubled == 0 && refused == 0;
    }

    // ------------------------------------------------------------------------------------------------ figures

    private static Map<String, Long> status(long pid) {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                int colon = line.indexOf(':');
                String digits = line.substring(colon + 1).replaceAll("\\D", "");
                if (colon > 0 && !digits.isEmpty() && digits.length() < 18) {
                    values.put(line.substring(0, colon), Long.parseLong(digits));
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return values;
    }

    private static void nmt(long pid, Map<String, Double> g, Path file) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        StringBuilder more = new StringBuilder(text);
        for (String command : List.of("GC.heap_info", "VM.classloader_stats")) {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            more.append("\n=== jcmd ").append(command).append('\n')
                    .append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            p.waitFor(60, TimeUnit.SECONDS);
        }
        Files.writeString(file, more);
        for (String line : text.split("\n")) {
            Matcher m = NMT_LINE.matcher(line.strip());
            if (m.find()) {
                g.put("nmt." + m.group(1).strip() + " MB", Long.parseLong(m.group(3)) / 1024.0);
            }
            Matcher t = NMT_TOTAL.matcher(line.strip());
            if (t.find()) {
                g.put("nmt.Total MB", Long.parseLong(t.group(2)) / 1024.0);
            }
        }
    }

    private void load(String phase) {
        try {
            String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            loads.add(phase + ": " + avg);
            BenchKit.log("%s (load average %s)", phase, avg);
        } catch (IOException e) {
            // not Linux
        }
    }

    private void report(List<String> configs, int rounds, boolean correct) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# memory and start-up, %d round(s), %s reports/s, %s s measured after %s s"
                + " warm-up; medians over the rounds (each round's value in brackets)%n", rounds, opts.get("rate"),
                opts.get("duration"), opts.get("warmup")));
        for (String c : configs) {
            b.append(String.format("# %s = %s on Java %s + %s, class-data archive: %s%n", c, tree(c), java(c).version(),
                    extra(c),
                    classDataUsed.getOrDefault(c, java.util.Set.of())));
        }
        for (String s : SERVICES) {
            b.append("\n## ").append(s).append('\n');
            TreeMap<String, Boolean> names = new TreeMap<>();
            for (String c : configs) {
                results.get(c).forEach(r -> r.get(s).keySet().forEach(k -> names.put(k, true)));
            }
            b.append(String.format("%-40s", "figure"));
            for (String c : configs) {
                b.append(String.format("%26s", c));
            }
            for (String c : configs.subList(1, configs.size())) {
                b.append(String.format("%14s", c + "/" + configs.get(0)));
            }
            b.append('\n');
            for (String name : order(names.keySet())) {
                b.append(String.format("%-40s", name));
                List<Double> medians = new ArrayList<>();
                for (String c : configs) {
                    double[] v = results.get(c).stream().mapToDouble(r -> r.get(s).getOrDefault(name, Double.NaN))
                            .toArray();
                    double median = median(v);
                    StringBuilder each = new StringBuilder();
                    for (double x : v) {
                        each.append(each.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f", x));
                    }
                    b.append(String.format(Locale.ROOT, "%26s", String.format(Locale.ROOT, "%.1f [%s]", median, each)));
                    medians.add(median);
                }
                for (double m : medians.subList(1, medians.size())) {
                    b.append(String.format(Locale.ROOT, "%14.2f", m / medians.get(0)));
                }
                b.append('\n');
            }
        }
        b.append("\n# load average (1 min) per phase: ").append(String.join("; ", loads)).append('\n');
        b.append("# every report exactly one chief mail: ").append(correct ? "yes" : "NO").append('\n');
        Files.writeString(out.resolve("results.txt"), b.toString());
        System.out.print(b);
    }

    private static List<String> order(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        list.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
                : a.compareTo(b));
        return list;
    }

    private static int rank(String name) {
        if (name.startsWith("start.")) {
            return 0;
        }
        if (name.startsWith("rss") || name.startsWith("hwm")) {
            return 1;
        }
        if (name.startsWith("nmt.Total")) {
            return 2;
        }
        return name.startsWith("nmt.") ? 3 : 4;
    }

    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void close() {
        for (Process p : List.copyOf(processes)) {
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(5, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }
        for (AutoCloseable part : new AutoCloseable[] {mail, kafka, postgres}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                BenchKit.log("while stopping: %s", e);
            }
        }
        if (idp != null) {
            idp.stop();
        }
    }
}
