import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.Ports;
import jp.horenso.localstack.ServiceJava;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The filing-throughput benchmark of incident-service (issue 13, docs/benchmarks.md), run by bench/run-filing-bench.sh.
 *
 * <p>For each tree named (default: this one), in turn and on the same machine: a fresh PostgreSQL (local-stack, with
 * pg_stat_statements) and Kafka on free loopback ports, the tree's packaged service (prod profile, as horenso_app,
 * Flyway as the owner, BenchKit's OpenID provider), demo-city onboarded through {@code OrganisationOnboarded} on the
 * escalation topic as escalation-service does. Then (a) the raw rate: {@code clients} JDBC connections inserting
 * single-row autocommit transactions into a scratch table shaped like the case row; (b) filing: {@code clients} HTTP
 * connections, closed loop, {@code POST /api/incidents} as staff1 with an Idempotency-Key each; (c) the check: every
 * case once, its number unique and gapless, one REPORTED timeline entry and a head, one IncidentReported in the outbox
 * and exactly one on Kafka, idempotency keys still answered with the first case, sample trails verified intact.
 *
 * <p>Arguments: trees (directories of a checkout whose incident-service is packaged) and options clients=8
 * rawWarm=3 raw=10 (seconds) warm=10 seconds=30 labels=before,after rounds=1 (each round runs every tree once, in
 * turn; figures are then given per run and as the mean) jfr=false work=target/filing-bench organisations=1 (more:
 * the connections file for that many organisations in turn, demo-city and bench-2 …, so that fewer share a
 * case-number counter: shows what the counter costs; a list gives each tree its own, e.g. {@code .. .. organisations=1,8})
 * java= (the JDK folder the service runs on, per tree in the same way, blank for the default — local-stack's
 * ServiceJava: HORENSO_SERVICE_JAVA_HOME, else this JVM; e.g. {@code .. .. java=,/usr/lib/jvm/temurin-25-jdk-amd64}).
 */
public final class FilingBench {

    private static final String ORGANISATION = "demo-city";
    private static final String INCIDENT_EVENTS = "horenso.incident-events";
    private static final String ESCALATION_EVENTS = "horenso.escalation-events";
    private static final Pattern NUMBER = Pattern.compile("\"number\":\"([A-Z0-9]+)-(\\d{4})-(\\d{6})\"");
    private static final String[] TITLES = {
        "不審なメールの添付ファイルを開いた", "USBメモリの紛失", "FAXの誤送信", "住民票の写しを別の方に交付した",
        "業務端末でウイルス検知の警告", "メールの宛先誤り（BCC漏れ）", "共有フォルダの権限設定誤り", "サポート詐欺の画面が表示された"
    };

    private record Result(long startNanos, double ms, int status, String id, String number) {}

    private record Figures(String label, Map<String, String> lines, Map<String, Double> values, boolean correct) {}

    public static void main(String[] args) throws Exception {
        List<String> trees = new ArrayList<>();
        Map<String, String> opts = BenchKit.options(args, Map.of("clients", "8", "rawWarm", "3", "raw", "10",
                "warm", "10", "seconds", "30", "labels", "", "jfr", "false", "work", "target/filing-bench", "rounds", "1",
                        "organisations", "1"),
                trees);
        if (trees.isEmpty()) {
            trees.add("..");
        }
        String[] labels = opts.get("labels").isBlank() ? new String[0] : opts.get("labels").split(",");
        Path work = Path.of(opts.get("work")).toAbsolutePath();
        Files.createDirectories(work);
        int rounds = Integer.parseInt(opts.get("rounds"));
        // Rounds alternate the trees (before, after, before, after …): this machine's load moves within minutes.
        Map<String, List<Figures>> byLabel = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < trees.size(); i++) {
                Path tree = Path.of(trees.get(i)).toAbsolutePath().normalize();
                String label = i < labels.length ? labels[i] : tree.getFileName().toString();
                Path jar = tree.resolve("incident-service/target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException("no " + jar + ": build that tree first");
                }
                // organisations=1,8: per tree, in the order the trees are named (the same tree may be named twice).
                String[] organisations = opts.get("organisations").split(",");
                Map<String, String> treeOpts = new HashMap<>(opts);
                treeOpts.put("organisations", organisations[Math.min(i, organisations.length - 1)]);
                String[] javas = opts.getOrDefault("java", "").split(",", -1);
                treeOpts.put("java", javas[Math.min(i, javas.length - 1)].strip());
                byLabel.computeIfAbsent(label, l -> new ArrayList<>())
                        .add(run(label + (rounds > 1 ? "-" + round : ""), jar,
                                work.resolve(label + (rounds > 1 ? "-" + round : "")), treeOpts));
            }
        }
        List<String> labelsRun = new ArrayList<>(byLabel.keySet());
        List<String> report = new ArrayList<>();
        report.add("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).strip());
        for (String name : byLabel.get(labelsRun.get(0)).get(0).lines().keySet()) {
            StringBuilder line = new StringBuilder("%-44s".formatted(name));
            Map<String, Double> means = new LinkedHashMap<>();
            for (String label : labelsRun) {
                List<Figures> runs = byLabel.get(label);
                line.append(" | %s: %s".formatted(label, String.join(", ",
                        runs.stream().map(f -> f.lines().getOrDefault(name, "-")).toList())));
                if (runs.stream().allMatch(f -> f.values().containsKey(name))) {
                    double mean = runs.stream().mapToDouble(f -> f.values().get(name)).average().orElse(0);
                    means.put(label, mean);
                    if (runs.size() > 1) {
                        line.append(" (mean %.4g)".formatted(mean));
                    }
                }
            }
            String first = labelsRun.get(0);
            String last = labelsRun.get(labelsRun.size() - 1);
            if (labelsRun.size() > 1 && means.containsKey(first) && means.containsKey(last) && means.get(first) != 0) {
                line.append(" | %s/%s %.2f".formatted(last, first, means.get(last) / means.get(first)));
            }
            report.add(line.toString());
        }
        System.out.println();
        report.forEach(System.out::println);
        Files.write(work.resolve("results.txt"), report);
        BenchKit.log("results in %s", work.resolve("results.txt"));
        System.exit(byLabel.values().stream().flatMap(List::stream).allMatch(Figures::correct) ? 0 : 1);
    }

    private static Figures run(String label, Path jar, Path work, Map<String, String> opts) throws Exception {
        BenchKit.log("=== %s: %s", label, jar);
        BenchKit.deleteRecursively(work);
        Files.createDirectories(work);
        EmbeddedPostgresServer postgres = startPostgres(work.resolve("postgres"));
        postgres.ensureDatabases("incident").ensureApplicationRole();
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), Ports.free(), Ports.free());
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        BenchKit.IdentityProvider idp = BenchKit.IdentityProvider.start(keys);
        BenchKit.Service service = null;
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            String url = postgres.jdbcUrl("incident");
            service = BenchKit.Service.start(jar, work.resolve("service.log"), postgres, "incident", kafka,
                    idp.issuer(), List.of(), opts.get("java").isEmpty()
                            ? ServiceJava.fromEnvironment()
                            : ServiceJava.of(Path.of(opts.get("java"))));
            BenchKit.Tokens tokens = new BenchKit.Tokens(keys, idp.issuer());
            int organisations = Integer.parseInt(opts.get("organisations"));
            List<String> staff = new ArrayList<>();
            for (int o = 1; o <= organisations; o++) {
                String code = o == 1 ? ORGANISATION : "bench-" + o;
                onboard(kafka, service.port, code, o == 1 ? "DEMO" : "BENCH" + o, tokens.sign("csirt1", code,
                        "information-policy", "information-policy", "csirt"));
                staff.add(tokens.sign("staff1", code, "general-affairs-section", "general-affairs", "staff"));
            }
            String auditor = tokens.sign("auditor1", ORGANISATION, "information-policy", "information-policy",
                    "auditor");
            try (Connection db = owner(url); Statement s = db.createStatement()) {
                s.execute("create extension if not exists pg_stat_statements");
            }
            int clients = Integer.parseInt(opts.get("clients"));
            Path pgData = work.resolve("postgres/data");

            double raw = rawRate(url, clients, Double.parseDouble(opts.get("rawWarm")),
                    Double.parseDouble(opts.get("raw")), pgData, lines, values);

            Filing filing = new Filing(service, staff, clients);
            BenchKit.log("filing: %d connections, warm-up %s s …", clients, opts.get("warm"));
            filing.start();
            Thread.sleep((long) (Double.parseDouble(opts.get("warm")) * 1000));
            boolean jfr = Boolean.parseBoolean(opts.get("jfr"));
            if (jfr) {
                jcmd(service, "JFR.start", "name=filing", "settings=profile",
                        "filename=" + work.resolve(label + ".jfr"));
            }
            try (Connection db = owner(url); Statement s = db.createStatement()) {
                s.execute("select pg_stat_statements_reset()");
            }
            long commitsBefore = commits(url);
            long serviceTicks = service.cpuTicks();
            Map<Long, Long> pgBefore = BenchKit.postgresCpuTicks(pgData);
            long measureStart = System.nanoTime();
            BenchKit.log("filing: measuring %s s …", opts.get("seconds"));
            Thread.sleep((long) (Double.parseDouble(opts.get("seconds")) * 1000));
            long measureEnd = System.nanoTime();
            serviceTicks = service.cpuTicks() - serviceTicks;
            long pgTicks = BenchKit.cpuSince(pgBefore, BenchKit.postgresCpuTicks(pgData));
            long commits = commits(url) - commitsBefore;
            List<String> statements = topStatements(url);
            long statementCalls = count(url, STATEMENT_CALLS);
            filing.stop();
            if (jfr) {
                jcmd(service, "JFR.stop", "name=filing");
            }
            List<Result> measured = filing.results().stream()
                    .filter(r -> r.startNanos() >= measureStart && r.startNanos() + (long) (r.ms() * 1e6) <= measureEnd)
                    .toList();
            long ok = measured.stream().filter(r -> r.status() == 201).count();
            long failed = filing.results().stream().filter(r -> r.status() != 201).count();
            double seconds = (measureEnd - measureStart) / 1e9;
            double rate = ok / seconds;
            double[] ms = measured.stream().filter(r -> r.status() == 201).mapToDouble(Result::ms).sorted().toArray();
            put(lines, values, "filings/s (" + clients + " connections)", rate, "%,.1f".formatted(rate));
            put(lines, values, "filing / raw insert rate", rate / raw, "%.2f %%".formatted(100 * rate / raw));
            put(lines, values, "filing p50 ms", BenchKit.pct(ms, 50), "%.1f".formatted(BenchKit.pct(ms, 50)));
            put(lines, values, "filing p95 ms", BenchKit.pct(ms, 95), "%.1f".formatted(BenchKit.pct(ms, 95)));
            put(lines, values, "filing p99 ms", BenchKit.pct(ms, 99), "%.1f".formatted(BenchKit.pct(ms, 99)));
            double serviceCpu = serviceTicks / BenchKit.TICKS_PER_SECOND * 1000 / Math.max(1, ok);
            double pgCpu = pgTicks / BenchKit.TICKS_PER_SECOND * 1000 / Math.max(1, ok);
            put(lines, values, "CPU per filing: service JVM ms", serviceCpu, "%.2f".formatted(serviceCpu));
            put(lines, values, "CPU per filing: PostgreSQL ms", pgCpu, "%.2f".formatted(pgCpu));
            double busy = (serviceTicks + pgTicks) / BenchKit.TICKS_PER_SECOND / seconds * 100;
            put(lines, values, "CPU service + PostgreSQL, % of one core", busy, "%.0f %%".formatted(busy));
            double perFiling = statementCalls / (double) Math.max(1, ok);
            put(lines, values, "SQL statements per filing", perFiling, "%.1f".formatted(perFiling));
            put(lines, values, "commits per filing", commits / (double) Math.max(1, ok),
                    "%.2f".formatted(commits / (double) Math.max(1, ok)));
            lines.put("failed requests (any phase)", Long.toString(failed));
            lines.put("filings measured", "%,d in %.1f s".formatted(ok, seconds));
            lines.put("service RSS after", "%,d MB".formatted(service.rssKb() / 1024));
            lines.forEach((k, v) -> System.out.printf("  %-44s %s%n", k, v));
            System.out.println("  top statements during the measurement (calls, total ms, query):");
            statements.forEach(s -> System.out.println("    " + s));

            boolean correct = check(url, kafka, service, filing, auditor, lines);
            lines.put("correctness check", correct ? "passed" : "FAILED");
            System.out.printf("  %-44s %s%n", "correctness check", lines.get("correctness check"));
            List<String> file = new ArrayList<>();
            lines.forEach((k, v) -> file.add(k + ": " + v));
            file.add("top statements:");
            file.addAll(statements);
            Files.write(work.resolve("results-" + label + ".txt"), file);
            return new Figures(label, lines, values, correct);
        } finally {
            if (service != null) {
                service.stop();
            }
            idp.stop();
            kafka.close();
            postgres.close();
        }
    }

    private static void put(Map<String, String> lines, Map<String, Double> values, String name, double value,
            String text) {
        lines.put(name, text);
        values.put(name, value);
    }

    /** PostgreSQL with pg_stat_statements preloaded: started once to write the setting, then again to load it. */
    private static EmbeddedPostgresServer startPostgres(Path dir) throws SQLException {
        int port = Ports.free();
        // Not "clean": zonky would delete the data directory (and the setting) when it stops.
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir, port, false);
        try (Connection db = DriverManager.getConnection(first.jdbcUrl("postgres"), EmbeddedPostgresServer.USER,
                        EmbeddedPostgresServer.PASSWORD);
                Statement s = db.createStatement()) {
            s.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
        }
        first.close();
        return EmbeddedPostgresServer.start(dir, port, false);
    }

    /** Onboards an organisation as escalation-service does, and waits until the service holds its profile. */
    private static void onboard(EmbeddedKafkaBroker kafka, int port, String code, String prefix, String csirt)
            throws Exception {
        String data = """
                {"organisation":"%s","name":{"ja":"デモ市","en":"Demo City"},"caseNumberPrefix":"%s",
                 "classificationScheme":"KANUMA",
                 "contact":{"ja":"デモ市 情報政策課 CSIRT　電話 0289-00-0000　csirt@demo-city.example.jp",
                            "en":"Demo City, Information Policy Section (CSIRT), phone 0289-00-0000"},
                 "publicContacts":["0289-00-0000","〒322-0000 デモ市中央町1番1号","csirt@demo-city.example.jp"],
                 "onboardedBy":"seed"}""".formatted(code, prefix);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service",
                 "type":"jp.horenso.OrganisationOnboarded","time":"%s","subject":"%s","organisation":"%s",
                 "datacontenttype":"application/json","data":%s}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), code, code, data);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(ESCALATION_EVENTS, code, event)).get();
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/organisation"))
                    .header("Authorization", "Bearer " + csirt).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                BenchKit.log("%s onboarded", code);
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(code + " was not onboarded within 60 s; see service.log");
    }

    /** Single-row autocommit INSERTs of {@code clients} connections into a table shaped like the case row. */
    private static double rawRate(String url, int clients, double warm, double seconds, Path pgData,
            Map<String, String> lines, Map<String, Double> values) throws Exception {
        try (Connection db = owner(url); Statement s = db.createStatement()) {
            s.execute("""
                    create table bench_raw_case (id uuid primary key, number text not null unique,
                        organisation text not null, title text not null, description text not null,
                        reporter_type text not null, reported_by text not null, unit text not null, department text,
                        occurred_at timestamptz not null, discovered_at timestamptz not null,
                        reported_at timestamptz not null, drill boolean not null, state text not null,
                        version bigint not null)""");
        }
        BenchKit.log("raw: %d JDBC clients, warm-up %.0f s, then %.0f s …", clients, warm, seconds);
        AtomicLong counted = new AtomicLong();
        AtomicLong numbers = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warm * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (Connection db = owner(url);
                        PreparedStatement insert = db.prepareStatement("""
                                insert into bench_raw_case values (?, ?, 'demo-city', ?, ?, 'STAFF', 'staff1',
                                'general-affairs-section', 'general-affairs', now() - interval '5 hours',
                                now() - interval '2 hours', now(), false, 'REPORTED', 0)""")) {
                    db.setAutoCommit(true);
                    long n = 0;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "RAW-" + numbers.incrementAndGet());
                        insert.setString(3, TITLES[(int) (n % TITLES.length)]);
                        insert.setString(4, "窓口業務で使用していたUSBメモリが所在不明です。");
                        insert.executeUpdate();
                        if (now >= measureFrom) {
                            counted.incrementAndGet();
                        }
                        n++;
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        Map<Long, Long> pgBefore = BenchKit.postgresCpuTicks(pgData);
        // Read again just before the clients stop: a backend that ends takes its ticks along.
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000 - 50));
        long pgTicks = BenchKit.cpuSince(pgBefore, BenchKit.postgresCpuTicks(pgData));
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("raw inserts failed", errors.get(0));
        }
        double rate = counted.get() / seconds;
        put(lines, values, "raw INSERT tx/s (" + clients + " JDBC clients)", rate, "%,.0f".formatted(rate));
        double pgCpu = pgTicks / BenchKit.TICKS_PER_SECOND * 1000 / Math.max(1, counted.get());
        put(lines, values, "raw: PostgreSQL CPU per insert ms", pgCpu, "%.3f".formatted(pgCpu));
        BenchKit.log("raw: %,.0f inserts/s", rate);
        return rate;
    }

    /** Closed-loop filing on {@code clients} HTTP/1.1 connections (one client, one connection each). */
    private static final class Filing {
        private final BenchKit.Service service;
        private final List<String> tokens;
        private final List<Thread> threads = new ArrayList<>();
        private final List<Result> results = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, String[]> lastRequest = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> lastCreated = new java.util.concurrent.ConcurrentHashMap<>();
        private final Set<Integer> logged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;

        Filing(BenchKit.Service service, List<String> tokens, int clients) {
            this.service = service;
            this.tokens = tokens;
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(new Thread(() -> loop(client), "filing-" + c));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join();
            }
        }

        List<Result> results() {
            synchronized (results) {
                return List.copyOf(results);
            }
        }

        private void loop(int client) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long n = 0;
            while (running) {
                String key = UUID.randomUUID().toString();
                String body = body(client, n++);
                lastRequest.put(client, new String[] {key, body});
                long start = System.nanoTime();
                int status;
                String id = null;
                String number = null;
                try {
                    HttpResponse<String> r =
                            http.send(post(client, key, body), HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    if (status == 201) {
                        lastCreated.put(client, r.body());
                        String location = r.headers().firstValue("Location").orElse("");
                        id = location.substring(location.lastIndexOf('/') + 1);
                        Matcher m = NUMBER.matcher(r.body());
                        number = m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : null;
                    } else if (logged.add(status)) {
                        BenchKit.log("filing: HTTP %d %s", status, r.body().substring(0, Math.min(300,
                                r.body().length())));
                    }
                } catch (IOException | InterruptedException e) {
                    status = -1;
                }
                results.add(new Result(start, (System.nanoTime() - start) / 1e6, status, id, number));
            }
        }

        /** Client {@code client} files for organisation {@code client % organisations}. */
        String token(int client) {
            return tokens.get(client % tokens.size());
        }

        HttpRequest post(int client, String key, String body) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/api/incidents"))
                    .header("Authorization", "Bearer " + token(client))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Idempotency-Key", key)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        private static String body(int client, long n) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).withNano(0);
            return """
                    {"title":"%s（%d-%d）","description":"%s","occurredAt":"%s","discoveredAt":"%s",\
                    "reporterType":"STAFF","kind":"%s"}""".formatted(TITLES[(int) (n % TITLES.length)], client, n,
                    "窓口業務で使用していた端末で不審な表示がありました。 / Something odd was seen at the counter.",
                    now.minusHours(5), now.minusHours(2), n % 3 == 0 ? "MISSENT_EMAIL" : "SECURITY_INCIDENT");
        }
    }

    /** Whether every filed case is there once, numbered without gap, on the timeline, in the outbox and on Kafka. */
    private static boolean check(String url, EmbeddedKafkaBroker kafka, BenchKit.Service service, Filing filing,
            String auditor, Map<String, String> lines) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Result> created = filing.results().stream().filter(r -> r.status() == 201).toList();
        Set<String> ids = new HashSet<>();
        created.forEach(r -> ids.add(r.id()));
        if (ids.size() != created.size()) {
            problems.add("%d answers 201 but %d distinct cases".formatted(created.size(), ids.size()));
        }
        // Idempotency: the last request of client 0 again, with its key: the same case, nothing new.
        String[] again = filing.lastRequest.get(0);
        HttpResponse<String> repeat = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(filing.post(0, again[0], again[1]),
                HttpResponse.BodyHandlers.ofString());
        String repeatedId = repeat.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                .orElse(null);
        if (repeat.statusCode() / 100 != 2 || !ids.contains(repeatedId)) {
            problems.add("a repeated Idempotency-Key answered %d %s, not the first case"
                    .formatted(repeat.statusCode(), repeatedId));
        }
        // The 201 answer is the case as GET shows it to the reporter.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode answered = json.readTree(filing.lastCreated.get(0));
        HttpResponse<String> shown = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + service.port + "/api/incidents/" + answered.get("id").asText()))
                .header("Authorization", "Bearer " + filing.token(0)).build(), HttpResponse.BodyHandlers.ofString());
        if (!answered.equals(json.readTree(shown.body()))) {
            problems.add("the 201 answer differs from GET: %s vs %s".formatted(answered, shown.body()));
        }
        BenchKit.log("check: waiting until the outbox is relayed …");
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (count(url, "select count(*) from outbox_event where published_at is null") > 0
                && System.nanoTime() < end) {
            Thread.sleep(500);
        }
        try (Connection db = owner(url); Statement s = db.createStatement()) {
            Set<String> inDb = new HashSet<>();
            Set<String> numbers = new HashSet<>();
            Map<String, List<Integer>> counters = new HashMap<>();
            try (ResultSet r = s.executeQuery("select id, number, organisation from incident")) {
                while (r.next()) {
                    inDb.add(r.getString(1));
                    numbers.add(r.getString(2));
                    counters.computeIfAbsent(r.getString(3), o -> new ArrayList<>())
                            .add(Integer.parseInt(r.getString(2).substring(r.getString(2).lastIndexOf('-') + 1)));
                }
            }
            if (!inDb.containsAll(ids)) {
                problems.add("cases answered 201 but not in the database");
            }
            if (inDb.size() != ids.size()) {
                problems.add("%d cases in the database, %d answered 201 (a request that timed out may have filed one)"
                        .formatted(inDb.size(), ids.size()));
            }
            boolean gapless = numbers.size() == inDb.size();
            for (Map.Entry<String, List<Integer>> ofOrganisation : counters.entrySet()) {
                List<Integer> taken = ofOrganisation.getValue();
                Collections.sort(taken);
                for (int i = 0; i < taken.size(); i++) {
                    gapless &= taken.get(i) == i + 1;
                }
                long last = count(url, "select last_number from case_number_counter where organisation = '"
                        + ofOrganisation.getKey() + "'");
                gapless &= last == taken.size();
            }
            if (!gapless) {
                problems.add("case numbers not unique and gapless 1..n per organisation (counters: " + counters.keySet()
                        + ")");
            }
            long badTimeline = count(url, """
                    select count(*) from incident i where
                      ((select count(*) from timeline_entry t where t.incident_id = i.id and t.type = 'REPORTED') <> 1
                           or not exists (select 1 from timeline_head h where h.incident_id = i.id))""");
            if (badTimeline > 0) {
                problems.add(badTimeline + " cases without exactly one REPORTED entry and a trail head");
            }
            Map<String, Integer> inOutbox = new HashMap<>();
            try (ResultSet r = s.executeQuery(
                    "select message_key from outbox_event where type = 'jp.horenso.IncidentReported'")) {
                while (r.next()) {
                    inOutbox.merge(r.getString(1), 1, Integer::sum);
                }
            }
            if (!inOutbox.keySet().equals(inDb) || inOutbox.values().stream().anyMatch(c -> c != 1)) {
                problems.add("outbox: %d IncidentReported rows for %d keys, %d cases".formatted(
                        inOutbox.values().stream().mapToInt(Integer::intValue).sum(), inOutbox.size(), inDb.size()));
            }
            long unpublished = count(url, "select count(*) from outbox_event where published_at is null");
            if (unpublished > 0) {
                problems.add(unpublished + " outbox rows not published after 120 s");
            }
            Map<String, Integer> onKafka = reportedOnKafka(kafka);
            if (!onKafka.keySet().equals(inDb) || onKafka.values().stream().anyMatch(c -> c != 1)) {
                long twice = onKafka.values().stream().filter(c -> c > 1).count();
                problems.add("Kafka: IncidentReported for %d cases (%d more than once), %d cases filed".formatted(
                        onKafka.size(), twice, inDb.size()));
            }
            int verified = 0;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> sample = created.stream().filter(r -> r.number() != null && r.number().startsWith("DEMO-"))
                    .map(Result::id).limit(5).toList();
            for (String id : sample) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + service.port + "/api/incidents/" + id + "/audit/verify"))
                        .header("Authorization", "Bearer " + auditor).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"intact\":true")) {
                    verified++;
                }
            }
            if (verified != sample.size() || sample.isEmpty()) {
                problems.add("audit verify: %d of %d sample trails intact".formatted(verified, sample.size()));
            }
            lines.put("check", ("%,d cases, numbers gapless 1..n in each of %d organisations, %,d REPORTED entries, %,d"
                    + " outbox rows, %,d on Kafka once each, idempotent repeat → same case, %d trails verified")
                    .formatted(inDb.size(), counters.size(), inDb.size() - badTimeline,
                    inOutbox.size(), onKafka.size(), verified));
        }
        System.out.printf("  %-44s %s%n", "check", lines.get("check"));
        problems.forEach(p -> System.out.println("  PROBLEM: " + p));
        if (!problems.isEmpty()) {
            lines.put("problems", String.join("; ", problems));
        }
        return problems.isEmpty();
    }

    /** IncidentReported records on the incident topic by key (case id), read from the beginning to the end. */
    private static Map<String, Integer> reportedOnKafka(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Integer> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(INCIDENT_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"type\":\"jp.horenso.IncidentReported\"")) {
                        byKey.merge(r.key(), 1, Integer::sum);
                    }
                }
            }
        }
        return byKey;
    }

    private static List<String> topStatements(String url) throws SQLException {
        List<String> top = new ArrayList<>();
        try (Connection db = owner(url); Statement s = db.createStatement(); ResultSet r = s.executeQuery("""
                select calls, round(total_exec_time::numeric, 0), left(regexp_replace(query, '\\s+', ' ', 'g'), 120)
                from pg_stat_statements where dbid = (select oid from pg_database where datname = 'incident')
                order by calls desc limit 20""")) {
            while (r.next()) {
                top.add("%8d %7d ms  %s".formatted(r.getLong(1), r.getLong(2), r.getString(3)));
            }
        }
        return top;
    }

    /** Statements PostgreSQL ran for the incident database since the reset (all clients: service and benchmark). */
    private static final String STATEMENT_CALLS = """
            select coalesce(sum(calls), 0) from pg_stat_statements
            where dbid = (select oid from pg_database where datname = 'incident')
              and query not like '%pg_stat_statements%'""";

    private static long commits(String url) throws SQLException {
        return count(url, "select xact_commit from pg_stat_database where datname = 'incident'");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection db = owner(url); Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    private static Connection owner(String url) throws SQLException {
        return DriverManager.getConnection(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static void jcmd(BenchKit.Service service, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(service.process.pid())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        BenchKit.log("jcmd %s: %s", args[0], out.strip().replace('\n', ' '));
    }
}
