import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.ChildProcess;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.PasswordGrant;
import jp.horenso.localstack.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The chaos run (issue 14): the whole system with TWO instances of each service (same broker, same databases, same
 * consumer groups), reports filed at a steady rate while faults are injected at random (seeded) moments — each
 * service instance killed with SIGKILL and started again, the Kafka broker restarted, PostgreSQL restarted — and
 * afterwards one line per figure: reports filed and acknowledged, faults, the section chief's hop and mail of every
 * case, duplicate mails counted at the SMTP server per notification, every case's audit chain verified through
 * incident-service, the dead-letter topics, every hop timer fired once, every case's events in order, and the
 * consumer partitions shared by the two instances of each service.
 *
 * <p>Launched by {@code bench/chaos.sh} with {@code local-stack/target/classes} and {@code local-stack/target/lib/*}
 * on the class path; arguments {@code key=value}: {@code tree}, {@code data}, {@code out} (figures file),
 * {@code reports} (1000), {@code rate} (reports/s, 2), {@code seed} (random when absent; printed),
 * {@code immediate} (what 直ちに means, the hops' deadline: PT2M, so that every hop times out and its timer fires
 * during the run), {@code kills} (kill -9 per instance, 1), {@code kafka} (broker restarts, 2), {@code postgres}
 * (PostgreSQL restarts, 2), {@code settle} (s to wait for the chains to finish after the last report, 900).
 * Exit code 0 when every check passed, 1 when one failed, 2 when the run could not be made.
 */
public final class Chaos {

    private static final String REPORTER = "staff1";
    private static final String AUDITOR = "auditor";
    private static final String CHIEF = "chief1";
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6})\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern INTACT = Pattern.compile("\"intact\"\\s*:\\s*true");
    /** Each service's consumed channels (for the Kafka client id that tells its instances apart). */
    private static final Map<String, List<String>> CHANNELS = Map.of(
            "incident-service", List.of("escalation-events", "notification-events"),
            "escalation-service", List.of("incident-events"),
            "notification-service", List.of("escalation-events"));
    private static final List<String> GROUPS = List.of("incident-service", "escalation-service", "notification-service");

    private final Map<String, String> options;
    private final Path tree;
    private final Path data;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String[]> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private LocalStack stack;
    /** instance name ("incident-service-a") → its running process and port. */
    private final Map<String, ChildProcess> instances = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private volatile String staffToken;
    private volatile String auditorToken;
    private final long started = System.nanoTime();

    private Chaos(Map<String, String> options) {
        this.options = options;
        this.tree = Path.of(required("tree")).toAbsolutePath().normalize();
        this.data = Path.of(required("data")).toAbsolutePath();
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
            code = new Chaos(options).run();
        } catch (Exception e) {
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        int reports = (int) number("reports", "1000");
        double rate = number("rate", "2");
        long seed = options.containsKey("seed") ? Long.parseLong(options.get("seed")) : new Random().nextLong();
        String immediate = options.getOrDefault("immediate", "PT2M");
        log("seed " + seed + " (rerun the same fault schedule with seed=" + seed + "); " + reports + " reports at "
                + rate + "/s; hop deadline (直ちに) " + immediate + "; load average " + loadAverage());
        Map<String, String> env = new HashMap<>();
        env.put("HORENSO_ESCALATION_IMMEDIATE", immediate);
        env.put("HORENSO_ESCALATION_SEED_FILES", "seed/demo-city.yaml,seed/demo-gikai.yaml");
        LocalStack.Settings settings = LocalStack.Settings.forTests(tree, data, env);
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> close(closed));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            log("starting the local stack (instance a of each service) in " + data + " …");
            stack = LocalStack.start(settings);
            for (String service : LocalStack.SERVICES) {
                instances.put(service + "-a", stack.services().get(service));
                ports.put(service + "-a", stack.servicePort(service));
            }
            log("starting instance b of each service …");
            for (String service : LocalStack.SERVICES) {
                String name = service + "-b";
                int port = Ports.free();
                ports.put(name, port);
                instances.put(name, stack.startInstance(service, name, port, clientIds(service, "b")));
            }
            for (String name : ports.keySet()) {
                instances.get(name).awaitHttpOk(url(name) + "/q/health/ready", Duration.ofMinutes(3));
            }
            log("six instances ready after " + (System.nanoTime() - started) / 1_000_000_000L + " s: " + ports);
            refreshTokens();
            Filed probe = probe();
            if (probe == null) {
                return 2;
            }
            return chaos(reports, rate, seed, probe);
        } finally {
            close(closed);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /**
     * Instance b (and a restarted a) names its Kafka consumers, so the group members tell which instance they are:
     * the connector's {@code client-id-prefix} as a system property (an environment variable cannot name a channel
     * with a hyphen unambiguously), through {@code JAVA_TOOL_OPTIONS}.
     */
    private static Map<String, String> clientIds(String service, String instance) {
        StringBuilder options = new StringBuilder();
        for (String channel : CHANNELS.get(service)) {
            options.append(" -Dmp.messaging.incoming.").append(channel).append(".client-id-prefix=").append(instance)
                    .append('-');
        }
        return Map.of("JAVA_TOOL_OPTIONS", options.toString().strip());
    }

    private String url(String instance) {
        return "http://localhost:" + ports.get(instance);
    }

    private void refreshTokens() {
        staffToken = PasswordGrant.accessToken(stack.keycloak().realmUrl(), REPORTER);
        auditorToken = PasswordGrant.accessToken(stack.keycloak().realmUrl(), AUDITOR);
    }

    /** One report through to the chief's mail before the clock starts (the seeds reach incident-service late). */
    private Filed probe() throws InterruptedException {
        log("ready check: one report through to the section chief's mail …");
        Filed probe = null;
        for (int i = 0; i < 240 && (probe == null || probe.number == null); i++) {
            probe = file(-1, "準備確認 / readiness probe", Duration.ofSeconds(5));
            if (probe.number == null) {
                Thread.sleep(500);
            }
        }
        if (probe.number == null) {
            log("readiness probe refused: " + probe.failure);
            return null;
        }
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            if (mailsBySubject(probe.number) > 0) {
                log("ready: " + probe.number + " reached the section chief");
                return probe;
            }
            Thread.sleep(500);
        }
        log("no mail for the probe " + probe.number + " within 3 minutes; see " + data.resolve("logs"));
        return null;
    }

    private long mailsBySubject(String number) {
        return java.util.Arrays.stream(greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(number);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    // ------------------------------------------------------------------------------------------------ the run

    private record Fault(long atMillis, String kind, String target, long downMillis) {}

    private final Map<String, AtomicInteger> faultsDone = new TreeMap<>();
    private final List<String> faultLog = new ArrayList<>();
    private final AtomicBoolean filing = new AtomicBoolean(true);

    private int chaos(int reports, double rate, long seed, Filed probe) throws Exception {
        long filingMillis = Math.round(reports / rate * 1000);
        List<Fault> schedule = schedule(new Random(seed), filingMillis);
        log("fault schedule (ms after the first report): ");
        schedule.forEach(f -> log("  +" + f.atMillis + " " + f.kind + " " + f.target
                + (f.downMillis > 0 ? " (down " + f.downMillis + " ms)" : "")));
        ExecutorService pool = Executors.newCachedThreadPool();
        PartitionWatch watch = new PartitionWatch();
        Thread watcher = new Thread(watch, "chaos-partitions");
        watcher.setDaemon(true);
        watcher.start();
        long t0 = System.currentTimeMillis();
        Thread injector = new Thread(() -> inject(schedule, t0), "chaos-injector");
        injector.start();
        Thread tokens = new Thread(() -> {
            while (filing.get()) {
                try {
                    Thread.sleep(Duration.ofMinutes(10).toMillis());
                    refreshTokens();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log("token refresh failed (kept the old ones): " + e.getMessage());
                }
            }
        }, "chaos-tokens");
        tokens.setDaemon(true);
        tokens.start();

        List<Future<Filed>> filed = new ArrayList<>();
        long period = Math.round(1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < reports; i++) {
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int n = i;
            filed.add(pool.submit(() -> file(n, "カオス試験 " + n + " / chaos run " + n, Duration.ofMinutes(10))));
            next += period;
            if (i % 100 == 99) {
                log((i + 1) + " reports sent; load average " + loadAverage());
            }
        }
        List<Filed> results = new ArrayList<>();
        for (Future<Filed> f : filed) {
            results.add(f.get());
        }
        filing.set(false);
        log("filing done after " + (System.currentTimeMillis() - t0) / 1000 + " s; waiting for the faults to end …");
        injector.join();
        pool.shutdown();
        settle(results);
        watch.stop();
        watcher.join(10_000);
        try {
            check(results, probe, seed, watch);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            failures.add("the checks could not finish: " + e);
        }
        writeFigures();
        return failures.isEmpty() ? 0 : 1;
    }

    /** Every instance killed {@code kills} times, the broker and PostgreSQL restarted, at seeded random moments. */
    private List<Fault> schedule(Random random, long filingMillis) {
        List<Fault> faults = new ArrayList<>();
        int kills = (int) number("kills", "1");
        for (String service : LocalStack.SERVICES) {
            for (String instance : List.of("a", "b")) {
                for (int k = 0; k < kills; k++) {
                    faults.add(new Fault(0, "kill-9", service + "-" + instance, 0));
                }
            }
        }
        for (int k = 0; k < (int) number("kafka", "2"); k++) {
            faults.add(new Fault(0, "kafka-restart", "broker", 3_000 + random.nextInt(12_000)));
        }
        for (int k = 0; k < (int) number("postgres", "2"); k++) {
            faults.add(new Fault(0, "postgres-restart", "postgresql", 3_000 + random.nextInt(12_000)));
        }
        java.util.Collections.shuffle(faults, random);
        // Random moments over the filing time (5 %..90 %), in order; the injector waits for each recovery.
        List<Long> moments = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            moments.add((long) (filingMillis * (0.05 + 0.85 * random.nextDouble())));
        }
        moments.sort(null);
        List<Fault> timed = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            timed.add(new Fault(moments.get(i), f.kind, f.target, f.downMillis));
        }
        return timed;
    }

    private final Map<String, Thread> recovering = new ConcurrentHashMap<>();

    private void inject(List<Fault> schedule, long t0) {
        Map<String, Integer> generation = new ConcurrentHashMap<>();
        for (Fault fault : schedule) {
            long wait = t0 + fault.atMillis - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            long at = System.currentTimeMillis() - t0;
            long begin = System.nanoTime();
            try {
                switch (fault.kind) {
                    case "kill-9" -> {
                        String name = fault.target;
                        String service = name.substring(0, name.length() - 2);
                        String instance = name.substring(name.length() - 1);
                        String sibling = service + "-" + ("a".equals(instance) ? "b" : "a");
                        // One instance of each service stays up: wait until the other one is back from its kill.
                        Thread pending = recovering.get(sibling);
                        if (pending != null) {
                            pending.join();
                        }
                        Thread own = recovering.get(name);
                        if (own != null) {
                            own.join();
                        }
                        at = System.currentTimeMillis() - t0;
                        long killedAt = System.nanoTime();
                        ChildProcess old = instances.get(name);
                        String pid = old.programPid().map(String::valueOf).orElse("?");
                        old.kill9();
                        long killedAtRun = at;
                        // Started again at once, as a supervisor (systemd, Kubernetes) would, and again when it exits
                        // (a JVM that starts while PostgreSQL is down stops); awaited beside the next faults.
                        Thread restart = new Thread(() -> {
                            for (int attempt = 1; attempt <= 6; attempt++) {
                                int g = generation.merge(name, 1, Integer::sum);
                                ChildProcess fresh = stack.startInstance(
                                        service, name + "-restart" + g, ports.get(name), clientIds(service, instance));
                                instances.put(name, fresh);
                                try {
                                    fresh.awaitHttpOk(url(name) + "/q/health/ready", Duration.ofMinutes(6));
                                    note(fault, killedAtRun, "pid " + pid + " killed, its successor ready after "
                                            + (System.nanoTime() - killedAt) / 1_000_000 + " ms"
                                            + (attempt > 1 ? " (started " + attempt + " times: it exited)" : ""));
                                    return;
                                } catch (RuntimeException e) {
                                    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                                    log(name + ": successor " + g + " did not start (" + first + "); again in 5 s");
                                    fresh.close();
                                    try {
                                        Thread.sleep(5_000);
                                    } catch (InterruptedException ie) {
                                        return;
                                    }
                                }
                            }
                            note(fault, killedAtRun, "successor did NOT start in 6 tries");
                            failures.add("restart of " + name + " failed");
                        }, "chaos-restart-" + name);
                        recovering.put(name, restart);
                        restart.start();
                    }
                    case "kafka-restart" -> {
                        stack.restartKafka(Duration.ofMillis(fault.downMillis));
                        note(fault, at, "broker back after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
                    }
                    case "postgres-restart" -> {
                        stack.restartPostgres(Duration.ofMillis(fault.downMillis));
                        note(fault, at, "PostgreSQL back after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
                    }
                    default -> throw new IllegalStateException(fault.kind);
                }
                faultsDone.computeIfAbsent(fault.kind, k -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                note(fault, at, "FAILED to inject: " + e);
                failures.add("fault " + fault.kind + " " + fault.target + " could not be injected: " + e.getMessage());
            }
        }
        for (Thread t : recovering.values()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void note(Fault fault, long at, String what) {
        String line = String.format(Locale.ROOT, "fault at +%.1f s: %s %s — %s (load average %s)", at / 1000.0,
                fault.kind, fault.target, what, loadAverage());
        faultLog.add(line);
        log(line);
    }

    /** A report as filed: case number and id when acknowledged (201), how many attempts, the last failure. */
    private record Filed(int index, String key, String number, String id, int attempts, String failure) {}

    /**
     * Files one report as staff1, the instances of incident-service taken in turn, retried with the same
     * Idempotency-Key (as a real client does) until acknowledged or {@code patience} has passed.
     */
    private Filed file(int index, String title, Duration patience) {
        String key = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"title\":\"" + title + "\",\"description\":\"カオス試験による報告です。 / Filed by the "
                + "chaos run.\",\"occurredAt\":\"" + now.minusHours(2) + "\",\"discoveredAt\":\""
                + now.minusMinutes(10) + "\",\"reporterType\":\"STAFF\"}";
        long end = System.nanoTime() + patience.toNanos();
        String failure = null;
        int attempts = 0;
        while (System.nanoTime() < end) {
            String instance = "incident-service-" + (Math.floorMod(index + attempts, 2) == 0 ? "a" : "b");
            attempts++;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(instance) + "/api/incidents"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + staffToken)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher number = NUMBER.matcher(r.body());
                Matcher id = ID.matcher(r.body());
                if (r.statusCode() == 201 && number.find() && id.find()) {
                    return new Filed(index, key, number.group(1), id.group(1), attempts, failure);
                }
                failure = r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length()));
                if (r.statusCode() == 400 || r.statusCode() == 403 || r.statusCode() == 422) {
                    if (!r.body().contains("not-onboarded")) {
                        break; // refused for good: not a fault of the system's parts
                    }
                }
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(Math.min(5_000, 250L * attempts));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Filed(index, key, null, null, attempts, failure);
    }

    /**
     * Waits until the system is quiet: no hop still open (every chain ran to its end: with a short 直ちに every
     * hop times out), no notification pending, no outbox row unpublished, no consumer lag.
     */
    private void settle(List<Filed> results) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds((long) number("settle", "900")).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                long open = count("escalation", "select count(*) from hop where status = 'OPEN'");
                long pending = count("notification",
                        "select count(*) from notification where status in ('PENDING','SENDING','RETRY')");
                long outbox = count("incident", "select count(*) from outbox_event where published_at is null")
                        + count("escalation", "select count(*) from outbox_event where published_at is null")
                        + count("notification", "select count(*) from outbox_event where published_at is null");
                long lag = lag();
                String now = "open hops " + open + ", notifications pending " + pending + ", outbox unpublished "
                        + outbox + ", consumer lag " + lag;
                if (!now.equals(last)) {
                    log("settling: " + now + " (load average " + loadAverage() + ")");
                    last = now;
                }
                if (open == 0 && pending == 0 && outbox == 0 && lag == 0) {
                    log("quiet; waiting 20 s for anything late (duplicates) …");
                    Thread.sleep(20_000);
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                log("settling: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
            Thread.sleep(5_000);
        }
        log("not quiet within the settle time: checking anyway");
    }

    // ------------------------------------------------------------------------------------------------ the checks

    private void check(List<Filed> results, Filed probe, long seed, PartitionWatch watch) throws Exception {
        refreshTokens();
        int reports = results.size();
        List<Filed> acknowledged = results.stream().filter(r -> r.number != null).toList();
        figure("seed", seed, "", true);
        figure("reports.filed", reports, "reports", true);
        figure("reports.acknowledged", acknowledged.size(), "reports (201 Created)", true);
        figure("reports.never-accepted", reports - acknowledged.size(), "reports (no 201 after 10 min of retries)",
                acknowledged.size() == reports);
        figure("reports.retried", results.stream().filter(r -> r.attempts > 1).count(),
                "reports that needed more than one POST (same Idempotency-Key)", true);
        results.stream().filter(r -> r.number == null).limit(5)
                .forEach(r -> log("never accepted: report " + r.index + ": " + r.failure));
        long distinctNumbers = acknowledged.stream().map(Filed::number).distinct().count();
        figure("reports.one-case-each", acknowledged.size() - distinctNumbers,
                "acknowledged reports sharing a case (must be 0)", distinctNumbers == acknowledged.size());
        long cases = count("incident", "select count(*) from incident where title like 'カオス試験 %'");
        figure("cases.in-database", cases, "cases of the run (one per report: retries made no second case)",
                cases == acknowledged.size());
        faultsDone.forEach((kind, n) -> figure("faults." + kind, n.get(), "injected", true));
        figure("faults.total", faultsDone.values().stream().mapToInt(AtomicInteger::get).sum(), "injected", true);

        // The chain: the section chief's hop and its mail, per acknowledged case.
        Set<String> ids = new HashSet<>();
        acknowledged.forEach(r -> ids.add(r.id));
        ids.add(probe.id);
        Map<String, String> chiefHops = new HashMap<>(); // incident id → hop id
        query("escalation", "select incident_id::text, id::text from hop where chain_step = 'section-chief'"
                + " and recipient_username = '" + CHIEF + "'", rs -> chiefHops.put(rs.getString(1), rs.getString(2)));
        long noHop = acknowledged.stream().filter(r -> !chiefHops.containsKey(r.id)).count();
        figure("lost.no-section-chief-hop", noHop, "acknowledged reports whose chain never reached the chief",
                noHop == 0);

        // Mails at the SMTP server, per notification (Message-ID <notification-id@…>), by recipient.
        Map<String, Integer> mailsById = new HashMap<>();
        Map<String, Integer> chiefMailsByNumber = new HashMap<>();
        Pattern messageId = Pattern.compile("<([0-9a-f-]{36})@");
        int mailTotal = 0;
        for (MimeMessage m : greenMail().getReceivedMessages()) {
            mailTotal++;
            String header = m.getHeader("Message-ID", null);
            Matcher id = messageId.matcher(header == null ? "" : header);
            if (id.find()) {
                mailsById.merge(id.group(1), 1, Integer::sum);
            }
            String subject = m.getSubject() == null ? "" : m.getSubject();
            boolean toChief = false;
            for (jakarta.mail.Address a : m.getAllRecipients()) {
                toChief |= a.toString().contains(CHIEF + "@");
            }
            if (toChief) {
                Matcher number = Pattern.compile("[A-Z][A-Z0-9]{1,9}-\\d{4}-\\d{6}").matcher(subject);
                if (number.find()) {
                    chiefMailsByNumber.merge(number.group(), 1, Integer::sum);
                }
            }
        }
        // notification id → {hop id, kind, status, recipient, channel, digest leader's notification id, in doubt}
        Map<String, String[]> notifications = new HashMap<>();
        query("notification", "select n.notification_id::text, coalesce(n.hop_id::text, ''), n.kind, n.status,"
                + " n.recipient_username, n.channel, coalesce(l.notification_id::text, ''),"
                + " exists (select 1 from delivery_attempt a where a.notification_id = n.id and a.outcome = 'UNKNOWN')"
                + " from notification n left join notification l on l.id = n.digest_leader_id",
                rs -> notifications.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Boolean.toString(rs.getBoolean(8))}));
        Set<String> chiefNotified = new HashSet<>(); // chief hop ids whose NEW_REPORT mail arrived
        long missingMails = 0;
        long notSent = 0;
        long inDoubt = 0;
        long inDoubtArrived = 0;
        for (Map.Entry<String, String[]> n : notifications.entrySet()) {
            String[] v = n.getValue();
            String travelsAs = v[5].isEmpty() ? n.getKey() : v[5]; // a digest member travels in its leader's mail
            boolean arrived = mailsById.getOrDefault(travelsAs, 0) > 0;
            if (!"SENT".equals(v[2]) && !"GROUPED".equals(v[2])) {
                notSent++;
                log("notification " + n.getKey() + " (" + v[1] + " to " + v[3] + ") is " + v[2]);
            }
            if ("true".equals(v[6])) {
                // kill -9 between "sending started" and "sent": not sent again (no second copy), kept in the inbox
                inDoubt++;
                inDoubtArrived += arrived ? 1 : 0;
                log("notification " + n.getKey() + " (" + v[1] + " to " + v[3] + "): outcome was in doubt; mail "
                        + (arrived ? "arrived" : "did not arrive") + "; now " + v[4] + " " + v[2]);
            } else if ("MAIL".equals(v[4]) && !arrived) {
                missingMails++;
                log("notification " + n.getKey() + " (" + v[1] + " to " + v[3] + "): no mail at the SMTP server");
            }
            if (arrived && CHIEF.equals(v[3]) && "NEW_REPORT".equals(v[1])) {
                chiefNotified.add(v[0]);
            }
        }
        Set<String> chiefInDoubt = new HashSet<>(); // chief hop ids whose NEW_REPORT send was cut mid-way
        notifications.values().stream().filter(v -> "true".equals(v[6]) && CHIEF.equals(v[3])
                && "NEW_REPORT".equals(v[1])).forEach(v -> chiefInDoubt.add(v[0]));
        long noChiefMail = acknowledged.stream()
                .filter(r -> !chiefHops.containsKey(r.id) || !chiefNotified.contains(chiefHops.get(r.id)))
                .filter(r -> !chiefHops.containsKey(r.id) || !chiefInDoubt.contains(chiefHops.get(r.id))).count();
        long chiefInDoubtLost = acknowledged.stream().filter(r -> chiefHops.containsKey(r.id)
                && chiefInDoubt.contains(chiefHops.get(r.id)) && !chiefNotified.contains(chiefHops.get(r.id))).count();
        figure("lost.no-section-chief-mail", noChiefMail,
                "acknowledged reports without the chief's NEW_REPORT mail at the SMTP server", noChiefMail == 0);
        figure("lost.chief-mail-in-doubt", chiefInDoubtLost, "chief's NEW_REPORT mails not at the SMTP server because"
                + " their send's outcome was in doubt (kill -9 mid-send; an unanswered final \".\" is sent once"
                + " more): not resent, in the chief's in-app inbox", chiefInDoubtLost == 0);
        long chiefMailsPerCase = acknowledged.stream()
                .filter(r -> chiefMailsByNumber.getOrDefault(r.number, 0) == 0).count();
        figure("lost.no-mail-to-chief-naming-case", chiefMailsPerCase,
                "acknowledged reports with no mail at all to chief1 naming the case", chiefMailsPerCase == 0);
        figure("mail.total", mailTotal, "mails accepted by the SMTP server", true);
        figure("mail.notifications", notifications.size(), "notifications in notification-service", true);
        figure("mail.missing", missingMails, "mail notifications with no mail at the SMTP server", missingMails == 0);
        figure("mail.not-sent", notSent, "notifications neither SENT nor GROUPED at the end", notSent == 0);
        figure("mail.in-doubt", inDoubt, "notifications with a send of unknown outcome (kill -9 mid-send: kept in the"
                + " in-app inbox; an unanswered final \".\": sent once more, same Message-ID)", true);
        figure("mail.in-doubt-arrived", inDoubtArrived, "of those, mails that did arrive anyway", true);
        // A send whose final "." went unanswered is sent once more with the same Message-ID (notification-service's
        // MailSender): if the server had taken the first, two copies of one message. More than that, or a second copy
        // of a send never in doubt, is a duplicate.
        long duplicates = 0;
        long recognisableCopies = 0;
        for (Map.Entry<String, Integer> e : mailsById.entrySet()) {
            if (e.getValue() < 2) {
                continue;
            }
            String[] n = notifications.get(e.getKey());
            boolean resentInDoubt = n != null && "true".equals(n[6]) && e.getValue() == 2;
            if (resentInDoubt) {
                recognisableCopies++;
            } else {
                duplicates++;
            }
            log("notification " + e.getKey() + ": " + e.getValue() + " mails at the SMTP server"
                    + (resentInDoubt ? " (its first send's final \".\" went unanswered; same Message-ID)" : ""));
        }
        figure("mail.duplicates", duplicates, "notifications with more than one mail at the SMTP server (beyond the"
                + " one resend of an unanswered final \".\")", duplicates == 0);
        figure("mail.copies-same-message-id", recognisableCopies, "notifications with a second copy, same Message-ID:"
                + " the first send's final \".\" went unanswered but the server had taken it", true);
        long unknownMails = mailsById.keySet().stream().filter(id -> !notifications.containsKey(id)).count();
        figure("mail.unknown", unknownMails, "mails naming no known notification", unknownMails == 0);
        Map<String, Integer> perHopKind = new HashMap<>();
        notifications.values().stream().filter(v -> !v[0].isEmpty())
                .forEach(v -> perHopKind.merge(v[0] + "/" + v[1] + "/" + v[3], 1, Integer::sum));
        long doubledNotifications = perHopKind.values().stream().filter(c -> c > 1).count();
        figure("notifications.doubled", doubledNotifications,
                "hop × kind × recipient with more than one notification", doubledNotifications == 0);

        // Audit chains through incident-service's verify endpoint, as the auditor; instances a and b in turn.
        int broken = 0;
        int unverified = 0;
        int k = 0;
        for (String id : ids) {
            HttpResponse<String> r = verify(id, k++);
            if (r.statusCode() != 200) {
                unverified++;
                log("verify " + id + ": " + r.statusCode() + " " + r.body());
            } else if (!INTACT.matcher(r.body()).find()) {
                broken++;
                log("audit chain of " + id + " broken: " + r.body());
            }
        }
        figure("audit.verified", ids.size() - broken - unverified, "cases whose audit chain verifies", true);
        figure("audit.broken", broken + unverified, "cases whose audit chain does not verify (or could not)",
                broken + unverified == 0);

        // Dead-letter topics.
        long dlq = 0;
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : topics) {
                if (topic.endsWith(".dlq")) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                            .partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                                    OffsetSpec.latest()));
                }
            }
            if (!ends.isEmpty()) {
                for (var e : admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).entrySet()) {
                    dlq += e.getValue().offset();
                    if (e.getValue().offset() > 0) {
                        log("DLQ " + e.getKey() + ": " + e.getValue().offset() + " records");
                    }
                }
            }
            figure("dlq.topics", ends.keySet().stream().map(TopicPartition::topic).distinct().count(),
                    "dead-letter topics that exist", true);
        }
        figure("dlq.records", dlq, "records on every dead-letter topic", dlq == 0);

        // Timers: each hop's deadline fired once.
        long timedOut = count("escalation", "select count(*) from hop where status = 'TIMED_OUT'");
        long stillOpen = count("escalation", "select count(*) from hop where status = 'OPEN'");
        long parked = count("escalation", "select (select count(*) from hop where parked_at is not null)"
                + " + (select count(*) from legal_timer where parked_at is not null)"
                + " + (select count(*) from response_action where parked_at is not null)");
        Map<String, Integer> timeoutEntries = new HashMap<>();
        query("incident", "select details->>'hopId' from timeline_entry where type = 'HOP_TIMED_OUT'",
                rs -> timeoutEntries.merge(rs.getString(1), 1, Integer::sum));
        Map<String, Integer> timeoutEvents = new HashMap<>();
        query("escalation", "select payload::jsonb->'data'->>'hopId' from outbox_event where type = 'HopTimedOut'",
                rs -> timeoutEvents.merge(rs.getString(1), 1, Integer::sum));
        Set<String> timedOutHops = new HashSet<>();
        query("escalation", "select id::text from hop where status = 'TIMED_OUT'",
                rs -> timedOutHops.add(rs.getString(1)));
        long firedTwice = timeoutEvents.values().stream().filter(c -> c > 1).count()
                + timeoutEntries.values().stream().filter(c -> c > 1).count();
        long notRecorded = timedOutHops.stream().filter(h -> timeoutEntries.getOrDefault(h, 0) != 1).count();
        figure("timers.fired", timedOutHops.size(), "hop deadlines that fired (hops TIMED_OUT)", timedOut > 0);
        figure("timers.fired-twice", firedTwice, "hops with more than one HopTimedOut (outbox or timeline)",
                firedTwice == 0);
        figure("timers.not-in-timeline", notRecorded, "timed-out hops without exactly one HOP_TIMED_OUT entry",
                notRecorded == 0);
        figure("timers.still-open", stillOpen, "hops still OPEN at the end (deadline never fired)", stillOpen == 0);
        figure("timers.parked", parked, "parked timer rows (hop, legal, response action)", parked == 0);

        // Every case's events in order.
        order(ids);

        // Partitions shared by the two instances of each service.
        watch.report();
    }

    /** GET …/audit/verify as the auditor, on instance a or b of incident-service, the other one when it fails. */
    private HttpResponse<String> verify(String id, int k) throws InterruptedException, IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            String instance = "incident-service-" + ((k + attempt) % 2 == 0 ? "a" : "b");
            try {
                return http.send(HttpRequest.newBuilder(
                        URI.create(url(instance) + "/api/incidents/" + id + "/audit/verify"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + auditorToken)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Per case: the timeline's sequence numbers run 1..n without a gap, the report is entry 1, each hop is opened
     * before it times out, each notification is requested before it is delivered, and a hop's time-out comes after
     * the hop it escalated from was opened.
     */
    private void order(Set<String> ids) throws SQLException {
        Map<String, List<String[]>> timelines = new HashMap<>();
        query("incident", "select incident_id::text, seq, type, coalesce(details->>'hopId', details->>'fromHopId', ''),"
                + " coalesce(details->>'notificationId', '') from timeline_entry order by incident_id, seq",
                rs -> timelines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}));
        long gaps = 0;
        long outOfOrder = 0;
        long crossTopic = 0;
        long entries = 0;
        for (String id : ids) {
            List<String[]> timeline = timelines.getOrDefault(id, List.of());
            entries += timeline.size();
            boolean bad = false;
            for (int i = 0; i < timeline.size(); i++) {
                if (Integer.parseInt(timeline.get(i)[0]) != i + 1) {
                    gaps++;
                    log("case " + id + ": entry " + (i + 1) + " has seq " + timeline.get(i)[0]);
                    break;
                }
            }
            if (timeline.isEmpty() || !"REPORTED".equals(timeline.get(0)[1])) {
                bad = true;
            }
            Set<String> opened = new HashSet<>();
            Set<String> requested = new HashSet<>();
            // Notifications requested by an event of this case (copies and overdue notices get ids of their own).
            Set<String> requestedAnywhere = new HashSet<>();
            timeline.stream().filter(e -> "NOTIFICATION_REQUESTED".equals(e[1])).forEach(e -> requestedAnywhere.add(e[3]));
            boolean crossed = false;
            for (String[] e : timeline) {
                switch (e[1]) {
                    case "CHAIN_STARTED" -> bad |= !opened.isEmpty(); // the chain starts before its first hop
                    case "HOP_OPENED" -> opened.add(e[2]);
                    case "HOP_TIMED_OUT", "HOP_ACKNOWLEDGED", "HOP_CANCELLED", "ESCALATED" -> bad |= !opened.contains(e[2]);
                    case "NOTIFICATION_REQUESTED" -> requested.add(e[3]);
                    // From another topic (notification-events) than the request (escalation-events): see below.
                    case "NOTIFICATION_DELIVERED", "NOTIFICATION_FAILED" ->
                        crossed |= requestedAnywhere.contains(e[3]) && !requested.contains(e[3]);
                    default -> { }
                }
            }
            if (crossed) {
                crossTopic++;
            }
            if (bad || crossed) {
                outOfOrder += bad ? 1 : 0;
                StringBuilder s = new StringBuilder();
                timeline.forEach(e -> s.append(e[0]).append(':').append(e[1]).append(' '));
                log("case " + id + (bad ? " out of order: " : " delivery recorded before request: ") + s);
            }
        }
        figure("order.timeline-entries", entries, "timeline entries checked", true);
        figure("order.seq-gaps", gaps, "cases whose timeline sequence has a gap", gaps == 0);
        figure("order.out-of-order", outOfOrder, "cases whose escalation-events came out of order (a hop's time-out or"
                + " escalation before its opening, a hop before its chain started)", outOfOrder == 0);
        // The timeline records in arrival order; NotificationRequested (escalation-events) and NotificationDelivered
        // (notification-events) travel on two topics, so a consumer that lags on one (a partition held by a killed
        // instance until its session times out) records the delivery first. Counted, not failed: see reliability.md.
        figure("order.delivered-before-requested", crossTopic, "cases where a delivery (notification-events) was"
                + " recorded before its request (escalation-events): two topics, arrival order", true);
    }

    /**
     * Samples the consumer groups every 5 s: which instance (its client id) holds which partitions, and how far each
     * partition's committed offset moved while it held it.
     */
    private final class PartitionWatch implements Runnable {
        private volatile boolean running = true;
        /** group → instance → partitions held at some sample. */
        private final Map<String, Map<String, Set<String>>> held = new ConcurrentHashMap<>();
        /** group → instance → records committed while it held the partition. */
        private final Map<String, Map<String, Long>> consumed = new ConcurrentHashMap<>();
        private final Map<String, Long> lastOffset = new HashMap<>();
        private final Map<String, String> lastHolder = new HashMap<>();
        private int samples;

        @Override
        public void run() {
            while (running) {
                try (Admin admin = admin()) {
                    while (running) {
                        sample(admin);
                        Thread.sleep(5_000);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    try {
                        Thread.sleep(5_000); // the broker is being restarted
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private void sample(Admin admin) throws Exception {
            Map<String, ConsumerGroupDescription> groups =
                    admin.describeConsumerGroups(GROUPS).all().get(10, TimeUnit.SECONDS);
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<String, String> holder = new HashMap<>();
                for (MemberDescription m : groups.get(group).members()) {
                    String instance = m.clientId().startsWith("b-") ? "b" : "a";
                    for (TopicPartition p : m.assignment().topicPartitions()) {
                        holder.put(p.toString(), instance);
                        held.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                                .computeIfAbsent(instance, i -> ConcurrentHashMap.newKeySet()).add(p.toString());
                    }
                }
                synchronized (this) {
                    for (var e : offsets.entrySet()) {
                        if (e.getValue() == null) {
                            continue;
                        }
                        String key = group + "/" + e.getKey();
                        long offset = e.getValue().offset();
                        Long before = lastOffset.put(key, offset);
                        String who = holder.getOrDefault(e.getKey().toString(), lastHolder.get(key));
                        if (who != null) {
                            lastHolder.put(key, who);
                        }
                        if (before != null && offset > before && who != null) {
                            consumed.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                                    .merge(who, offset - before, Long::sum);
                        }
                    }
                    samples++;
                }
            }
        }

        void stop() {
            running = false;
        }

        void report() {
            for (String group : GROUPS) {
                Map<String, Set<String>> h = held.getOrDefault(group, Map.of());
                Map<String, Long> c = consumed.getOrDefault(group, Map.of());
                boolean shared = h.containsKey("a") && h.containsKey("b") && c.getOrDefault("a", 0L) > 0
                        && c.getOrDefault("b", 0L) > 0;
                for (String instance : List.of("a", "b")) {
                    figure("replicas." + group + "." + instance + ".partitions-held",
                            h.getOrDefault(instance, Set.of()).size(),
                            "partitions instance " + instance + " held at some sample " + new java.util.TreeSet<>(
                                    h.getOrDefault(instance, Set.of())), true);
                    figure("replicas." + group + "." + instance + ".records", c.getOrDefault(instance, 0L),
                            "records committed while instance " + instance + " held the partition", true);
                }
                figure("replicas." + group + ".shared", shared ? 1 : 0,
                        "1 = both instances held partitions and committed records (" + samples + " samples)", shared);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private void figure(String name, long value, String unit, boolean ok) {
        figures.put(name, new String[] {Long.toString(value), unit, ok ? "OK" : "FAIL"});
        if (!ok) {
            failures.add(name + " = " + value);
        }
    }

    private void writeFigures() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# chaos run, ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(", load average at the end ").append(loadAverage()).append('\n');
        faultLog.forEach(l -> out.append("# ").append(l).append('\n'));
        figures.forEach((name, v) -> out.append(String.format(Locale.ROOT, "%-55s %8s  %-4s %s%n", name, v[0], v[2],
                v[1])));
        out.append(failures.isEmpty() ? "RESULT OK: every check passed\n"
                : "RESULT FAILED: " + String.join("; ", failures) + "\n");
        System.out.print(out);
        Files.writeString(Path.of(required("out")), out.toString());
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(database), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    private void query(String database, String sql, Row row) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    private long count(String database, String sql) throws SQLException {
        long[] n = {0};
        query(database, sql, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
    }

    /** Records not yet committed by the services' consumer groups. */
    private long lag() {
        try (Admin admin = admin()) {
            long lag = 0;
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                offsets.keySet().forEach(p -> ends.put(p, OffsetSpec.latest()));
                var latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
                for (var e : offsets.entrySet()) {
                    if (e.getValue() != null) {
                        lag += Math.max(0, latest.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("consumer lag unknown: " + e.getMessage(), e);
        }
    }

    private GreenMail greenMail() {
        try {
            var field = MailCatcher.class.getDeclaredField("greenMail");
            field.setAccessible(true);
            return (GreenMail) field.get(stack.mail());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private void close(AtomicBoolean closed) {
        if (stack != null && closed.compareAndSet(false, true)) {
            log("stopping every instance and the stack …");
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

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[chaos +%ds] %s%n", (System.nanoTime() - started) / 1_000_000_000L, message);
        System.out.flush();
    }
}
