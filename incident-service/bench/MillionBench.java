import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.Ports;
import jp.horenso.localstack.ServiceLaunch;

/**
 * The 1,000,000-case benchmark of incident-service (issue 13, docs/benchmarks.md), run by bench/run-million-bench.sh.
 *
 * <p>Starts a real PostgreSQL (local-stack, data kept under {@code work}/postgres so a second run reuses it) and a
 * Kafka broker on loopback, fills incident-service's database with {@code count} generated cases unless it holds them
 * already (bench/million-data.sql, as the owner), starts the packaged service (prod profile, local-stack's
 * environment) with a minimal OpenID provider of its own (discovery document and key set on loopback) instead of Keycloak, signs tokens for a
 * csirt member, a section chief and a staff member of demo-city (the largest organisation), and measures each
 * request of the case list, search, filters, counts, statistics, dashboard, KPIs and inbox sequentially: p50, p95, p99
 * of the time from sending the request to the last byte of the answer, on loopback. Then the service's RSS.
 *
 * <p>Arguments (all optional): count=1000000 n=100 (requests per figure, after warm=10) maxSeconds=40 (per figure)
 * label=run (names results-label.txt) seed=0.13 jar=target/quarkus-app/quarkus-run.jar work=target/million-bench
 * web=../web/target/quarkus-app/quarkus-run.jar (the packaged web console; web=none leaves it out) api=true (false:
 * only the console's pages) only=… (only the figures whose name contains it, e.g. only=KPIs).
 *
 * <p>The web console's pages are timed too: the console is started in its prod profile against the benchmark's
 * service, signs in the csirt through the authorisation-code flow of the benchmark's own OpenID provider (PKCE, as
 * with Keycloak), and its dashboard and KPI pages are requested with that session cookie.
 */
public final class MillionBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("count", "1000000", "n", "100", "warm", "10",
                "maxSeconds", "40", "label", "run", "seed", "0.13", "jar", "target/quarkus-app/quarkus-run.jar",
                "work", "target/million-bench", "web", "../web/target/quarkus-app/quarkus-run.jar"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        long count = Long.parseLong(opts.get("count"));
        Path jar = Path.of(opts.get("jar")).toAbsolutePath();
        Path work = Path.of(opts.get("work")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": build the service first (../mvnw package -DskipTests)");
        }
        Files.createDirectories(work);

        log("starting PostgreSQL (data kept in %s) and Kafka on loopback …", work.resolve("postgres"));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), Ports.free(), false);
        postgres.ensureDatabases("incident").ensureApplicationRole();
        Path kafkaDir = work.resolve("kafka");
        deleteRecursively(kafkaDir);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaDir, Ports.free(), Ports.free());
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        IdentityProvider idp = IdentityProvider.start(keys);
        Service service = null;
        Console console = null;
        try {
            String url = postgres.jdbcUrl("incident");
            service = Service.start(jar, work, postgres, kafka, idp.issuer());
            long present = cases(url);
            if (present < count) {
                if (present > 0) {
                    throw new IllegalStateException("the database holds %,d cases, not %,d: delete %s and rerun"
                            .formatted(present, count, work.resolve("postgres")));
                }
                log("generating %,d cases (bench/million-data.sql) …", count);
                long started = System.nanoTime();
                String sql = Files.readString(Path.of("bench/million-data.sql"))
                        .replace("${count}", Long.toString(count)).replace("${seed}", opts.get("seed"));
                try (Connection db = owner(url); Statement s = db.createStatement()) {
                    s.execute(sql);
                    log("generated in %.0f s; VACUUM ANALYZE …", (System.nanoTime() - started) / 1e9);
                    s.execute("VACUUM ANALYZE");
                }
                log("data ready in %.0f s; restarting the service to measure its start-up on the full database",
                        (System.nanoTime() - started) / 1e9);
                service.stop();
                service = Service.start(jar, work, postgres, kafka, idp.issuer());
            } else {
                try (Connection db = owner(url); Statement s = db.createStatement()) {
                    // what autovacuum does in time: statistics for indexes a migration just added, and the visibility
                    // map after a migration's backfill (index-only scans need it)
                    log("VACUUM ANALYZE …");
                    s.execute("VACUUM ANALYZE");
                }
            }
            List<String> report = new ArrayList<>();
            report.add("dataset: " + dataset(url));
            report.add("service start to ready: %.1f s%s".formatted(service.startSeconds,
                    service.migrated() ? " (a migration ran during this start)" : ""));
            log("%s", report.get(0));
            log("%s", report.get(1));

            Tokens tokens = new Tokens(keys, idp.issuer());
            String csirt = tokens.sign("csirt1", "demo-city", "information-policy", "information-policy", "csirt");
            String chief = tokens.sign("chief1", "demo-city", "general-affairs-section", "general-affairs",
                    "section-chief");
            String staff = tokens.sign("staff1", "demo-city", "general-affairs-section", "general-affairs", "staff");
            String gikai = tokens.sign("gikai-csirt1", "demo-gikai", "demo-gikai-s01", "demo-gikai-d1", "csirt");
            String from = "2024-04-01T00:00:00%2B09:00";
            String to = "2024-05-01T00:00:00%2B09:00";
            Map<String, String[]> figures = new LinkedHashMap<>();
            figures.put("list, csirt (whole organisation), newest first", new String[] {csirt, "/api/incidents"});
            figures.put("list, csirt, page 100", new String[] {csirt, "/api/incidents?page=100"});
            figures.put("list, csirt, sort=-severity", new String[] {csirt, "/api/incidents?sort=-severity"});
            figures.put("list, section chief (own section + own reports)", new String[] {chief, "/api/incidents"});
            figures.put("list, staff (own reports)", new String[] {staff, "/api/incidents"});
            figures.put("list, csirt of a small organisation (demo-gikai)", new String[] {gikai, "/api/incidents"});
            figures.put("search q=メール (common)", new String[] {csirt, "/api/incidents?q=" + enc("メール")});
            figures.put("search q=ＵＳＢ (full width, NFKC)", new String[] {csirt, "/api/incidents?q=" + enc("ＵＳＢ")});
            figures.put("search q=サポート詐欺 (rare)", new String[] {csirt, "/api/incidents?q=" + enc("サポート詐欺")});
            figures.put("search q=誤送信 住民票 (two words)",
                    new String[] {csirt, "/api/incidents?q=" + enc("誤送信 住民票")});
            figures.put("search q=サポート詐欺, section chief",
                    new String[] {chief, "/api/incidents?q=" + enc("サポート詐欺")});
            figures.put("filter state=REPORTED", new String[] {csirt, "/api/incidents?state=REPORTED"});
            figures.put("filter severity=HIGH,CRITICAL", new String[] {csirt, "/api/incidents?severity=HIGH,CRITICAL"});
            figures.put("filter kind=POLICY_VIOLATION", new String[] {csirt, "/api/incidents?kind=POLICY_VIOLATION"});
            figures.put("filter unit=welfare-section", new String[] {csirt, "/api/incidents?unit=welfare-section"});
            figures.put("filter from/to (one month)",
                    new String[] {csirt, "/api/incidents?from=" + from + "&to=" + to});
            figures.put("filter state+severity+kind+from/to", new String[] {csirt,
                    "/api/incidents?state=CLOSED&severity=MEDIUM&kind=MISSENT_EMAIL&from=" + from + "&to=" + to});
            figures.put("count, csirt", new String[] {csirt, "/api/incidents/count"});
            figures.put("count, csirt, state=REPORTED", new String[] {csirt, "/api/incidents/count?state=REPORTED"});
            figures.put("count, section chief", new String[] {chief, "/api/incidents/count"});
            figures.put("statistics, csirt", new String[] {csirt, "/api/incidents/statistics"});
            figures.put("statistics, section chief", new String[] {chief, "/api/incidents/statistics"});
            figures.put("statistics, csirt, one month", new String[] {csirt,
                    "/api/incidents/statistics?from=" + from + "&to=" + to});
            figures.put("dashboard, default (newest first)", new String[] {csirt, "/api/dashboard/cases"});
            figures.put("dashboard, size=100 (the web console's dashboard page asks this)",
                    new String[] {csirt, "/api/dashboard/cases?size=100"});
            figures.put("dashboard, sort=severity", new String[] {csirt, "/api/dashboard/cases?sort=severity"});
            figures.put("dashboard, sort=deadline", new String[] {csirt, "/api/dashboard/cases?sort=deadline"});
            figures.put("dashboard, drill=only", new String[] {csirt, "/api/dashboard/cases?drill=only"});
            figures.put("dashboard, status=REPORTED,UNDER_CISO_REVIEW",
                    new String[] {csirt, "/api/dashboard/cases?status=REPORTED,UNDER_CISO_REVIEW"});
            figures.put("dashboard, q=メール", new String[] {csirt, "/api/dashboard/cases?q=" + enc("メール")});
            figures.put("KPIs, 12 months", new String[] {csirt, "/api/kpis"});
            figures.put("KPIs, 36 months", new String[] {csirt, "/api/kpis?months=36"});
            figures.put("awaiting, section chief", new String[] {chief, "/api/me/awaiting"});
            figures.put("awaiting, security lead", new String[] {tokens.sign("seclead", "demo-city",
                    "information-policy", "information-policy", "security-lead"), "/api/me/awaiting"});

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int n = Integer.parseInt(opts.get("n"));
            int warm = Integer.parseInt(opts.get("warm"));
            double maxSeconds = Double.parseDouble(opts.get("maxSeconds"));
            System.out.println();
            if (opts.getOrDefault("api", "true").equals("false")) {
                figures.clear(); // api=false: only the web console's pages (a quick check of the sign-in)
            }
            if (opts.containsKey("only")) { // only=KPIs: the figures whose name contains it
                figures.keySet().removeIf(name -> !name.contains(opts.get("only")));
            }
            for (Map.Entry<String, String[]> figure : figures.entrySet()) {
                String line = measure(http, service.port, figure.getKey(), figure.getValue()[0],
                        figure.getValue()[1], warm, n, maxSeconds);
                System.out.println("  " + line);
                report.add(line);
            }
            String rss = "service RSS after the run: %,d MB".formatted(service.rssKb() / 1024);
            System.out.println("  " + rss);
            report.add(rss);

            Path webJar = Path.of(opts.get("web")).toAbsolutePath();
            if (!opts.get("web").equals("none")) {
                if (!Files.exists(webJar)) {
                    throw new IllegalStateException("no " + webJar + ": build the console first (../mvnw -pl web "
                            + "package -DskipTests) or pass web=none");
                }
                console = Console.start(webJar, work, kafka, idp.issuer(), service.port);
                String started = "web console start to ready: %.1f s".formatted(console.startSeconds);
                System.out.println("  " + started);
                report.add(started);
                HttpClient browser = console.signIn();
                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("web: dashboard page (GET /dashboard, 100 cases)", "/dashboard");
                pages.put("web: dashboard page, q=メール", "/dashboard?q=" + enc("メール"));
                pages.put("web: dashboard page, sort=deadline", "/dashboard?sort=deadline");
                pages.put("web: KPI page (GET /kpis, 12 months)", "/kpis");
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    String line = measurePage(browser, console.port, page.getKey(), page.getValue(), warm, n,
                            maxSeconds);
                    System.out.println("  " + line);
                    report.add(line);
                }
                String webRss = "web console RSS after the run: %,d MB".formatted(console.rssKb() / 1024);
                System.out.println("  " + webRss);
                report.add(webRss);
            }
            Files.write(work.resolve("results-" + opts.get("label") + ".txt"), report);
            log("results in %s", work.resolve("results-" + opts.get("label") + ".txt"));
        } finally {
            if (console != null) {
                console.stop();
            }
            if (service != null) {
                service.stop();
            }
            idp.stop();
            kafka.close();
            postgres.close();
        }
    }

    private static String measure(HttpClient http, int port, String name, String token, String path, int warm, int n,
            double maxSeconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .build();
        long firstStarted = System.nanoTime();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        double firstMs = (System.nanoTime() - firstStarted) / 1e6;
        if (first.statusCode() != 200) {
            return "%-60s FAILED: HTTP %d %s".formatted(name, first.statusCode(),
                    first.body().substring(0, Math.min(300, first.body().length())));
        }
        // the first request's time too: it fills what the service keeps (the KPIs' settled months)
        String size = (first.body().length() > 60 ? "" : " → " + first.body())
                + " (first request %.0f ms)".formatted(firstMs);
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        for (int i = 1; i < warm && System.nanoTime() < deadline; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        List<Double> ms = new ArrayList<>();
        while (ms.size() < n && (ms.size() < 5 || System.nanoTime() < deadline)) {
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - started) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": HTTP " + r.statusCode());
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return "%-60s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  (n=%d)%s".formatted(name, pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted.length, size);
    }

    /** A page of the console with the signed-in session (its cookies are in the client): request to last byte. */
    private static String measurePage(HttpClient browser, int port, String name, String path, int warm, int n,
            double maxSeconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html")
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<String> first = browser.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200 || !first.body().contains("<table")) {
            return "%-60s FAILED: HTTP %d %s".formatted(name, first.statusCode(),
                    first.body().substring(0, Math.min(300, first.body().length())));
        }
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        for (int i = 1; i < warm && System.nanoTime() < deadline; i++) {
            browser.send(request, HttpResponse.BodyHandlers.ofString());
        }
        deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        List<Double> ms = new ArrayList<>();
        while (ms.size() < n && (ms.size() < 5 || System.nanoTime() < deadline)) {
            long started = System.nanoTime();
            HttpResponse<String> r = browser.send(request, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - started) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": HTTP " + r.statusCode());
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return "%-60s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  (n=%d, %,d bytes)".formatted(name, pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted.length, first.body().getBytes(StandardCharsets.UTF_8).length);
    }

    /** Nearest-rank percentile. */
    private static double pct(double[] sorted, int p) {
        return jp.horenso.localstack.Percentiles.of(sorted, p);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Connection owner(String url) throws SQLException {
        return DriverManager.getConnection(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static long cases(String url) throws SQLException {
        try (Connection db = owner(url); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select count(*) from incident")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String dataset(String url) throws SQLException {
        try (Connection db = owner(url); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("""
                        select (select count(*) from incident), (select count(distinct organisation) from incident),
                               (select count(*) from incident where organisation = 'demo-city'),
                               (select count(*) from incident where organisation = 'demo-gikai'),
                               (select count(*) from timeline_entry), (select count(*) from chain_hop),
                               (select count(*) from response_action), (select count(*) from legal_duty),
                               pg_size_pretty(pg_database_size(current_database()))""")) {
            r.next();
            return ("%,d cases in %d organisations (demo-city %,d, demo-gikai %,d), %,d timeline entries, %,d chain"
                    + " hops, %,d response actions, %,d legal duties; database %s").formatted(r.getLong(1),
                    r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8),
                    r.getString(9));
        }
    }

    /** The packaged service in the prod profile, as local-stack starts it, but verifying tokens with a local key. */
    private static final class Service {
        final Process process;
        final int port;
        final double startSeconds;
        final Path log;

        private Service(Process process, int port, double startSeconds, Path log) {
            this.process = process;
            this.port = port;
            this.startSeconds = startSeconds;
            this.log = log;
        }

        static Service start(Path jar, Path work, EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka,
                String issuer) throws Exception {
            int port = Ports.free();
            Path log = work.resolve("service.log");
            ProcessBuilder builder = ServiceLaunch.of(jar.toAbsolutePath().getParent().getParent().getParent())
                    .port(port)
                    .postgres(postgres, "incident")
                    .kafka(kafka.bootstrapServers())
                    // No Keycloak: the benchmark's own discovery document and key set (IdentityProvider), its tokens.
                    .oidc(issuer)
                    .sealKey("million-bench-seal-key-not-a-secret-0123456789")
                    .notificationUrl("http://127.0.0.1:9")
                    .consoleUrl("http://127.0.0.1:9")
                    .processBuilder()
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            awaitReady(port, Duration.ofMinutes(10), process);
            double seconds = (System.nanoTime() - started) / 1e9;
            log("service ready in %.1f s (pid %d)", seconds, process.pid());
            return new Service(process, port, seconds, log);
        }

        boolean migrated() throws IOException {
            String text = Files.readString(log);
            return text.contains("Migrating schema") && !text.contains("Schema \"public\" is up to date");
        }

        long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * The packaged web console in its prod profile against the benchmark's service; escalation- and
     * notification-service are not running (the dashboard and KPI pages ask only incident-service).
     */
    private static final class Console {
        final Process process;
        final int port;
        final double startSeconds;

        private Console(Process process, int port, double startSeconds) {
            this.process = process;
            this.port = port;
            this.startSeconds = startSeconds;
        }

        static Console start(Path jar, Path work, EmbeddedKafkaBroker kafka, String issuer, int servicePort)
                throws Exception {
            int port = Ports.free();
            ProcessBuilder builder = ServiceLaunch.of(jar.toAbsolutePath().getParent().getParent().getParent())
                    .port(port)
                    .oidc(issuer)
                    .incidentUrl("http://127.0.0.1:" + servicePort)
                    .env("HORENSO_ESCALATION_BASE_URL", "http://127.0.0.1:9")
                    .notificationUrl("http://127.0.0.1:9")
                    .kafka(kafka.bootstrapServers())
                    .processBuilder()
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("web.log").toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            awaitReady(port, Duration.ofMinutes(3), process);
            double seconds = (System.nanoTime() - started) / 1e9;
            log("web console ready in %.1f s (pid %d)", seconds, process.pid());
            return new Console(process, port, seconds);
        }

        /**
         * Signs the benchmark's csirt in as a browser would: the console redirects to the provider's authorisation
         * endpoint, which sends the code straight back; the console exchanges it and sets its session cookie.
         */
        HttpClient signIn() throws Exception {
            HttpClient browser = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/dashboard")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (landed.statusCode() != 200 || !landed.body().contains("<table")) {
                throw new IllegalStateException("the console did not sign the csirt in: HTTP " + landed.statusCode()
                        + " at " + landed.uri() + "; see web.log");
            }
            log("web console: csirt1 signed in (authorisation-code flow), dashboard page %,d bytes",
                    landed.body().length());
            return browser;
        }

        long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** RS256 access tokens as Keycloak issues them for horenso-web: audience, organisation, unit, department, roles. */
    private record Tokens(KeyPair keys, String issuer) {
        String sign(String username, String organisation, String unit, String department, String role)
                throws Exception {
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
            String claims = ("{\"iss\":\"%s\",\"sub\":\"%s\",\"preferred_username\":\"%s\","
                    + "\"aud\":\"horenso-api\",\"iat\":%d,\"exp\":%d,\"organisation\":\"%s\",\"unit\":\"%s\","
                    + "\"department\":\"%s\",\"groups\":[\"%s\"],\"realm_access\":{\"roles\":[\"%s\"]}}")
                    .formatted(issuer, username, username, now, now + 6 * 3600, organisation, unit, department, role, role);
            return signed(header, claims);
        }

        /** The ID token of the code flow: the console's client id as audience. */
        String idToken(String username) throws Exception {
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
            String claims = ("{\"iss\":\"%s\",\"sub\":\"%s\",\"preferred_username\":\"%s\",\"aud\":\"horenso-web\","
                    + "\"azp\":\"horenso-web\",\"typ\":\"ID\",\"iat\":%d,\"exp\":%d}")
                    .formatted(issuer, username, username, now, now + 6 * 3600);
            return signed(header, claims);
        }

        private String signed(String header, String claims) throws Exception {
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
    private record IdentityProvider(HttpServer server, String issuer) {
        static IdentityProvider start(KeyPair keys) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/bench";
            RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\","
                    + "\"n\":\"%s\",\"e\":\"%s\"}]}").formatted(b64.encodeToString(unsigned(key.getModulus())),
                    b64.encodeToString(unsigned(key.getPublicExponent())));
            String discovery = ("{\"issuer\":\"%s\",\"jwks_uri\":\"%s/protocol/openid-connect/certs\","
                    + "\"token_endpoint\":\"%s/protocol/openid-connect/token\","
                    + "\"authorization_endpoint\":\"%s/protocol/openid-connect/auth\","
                    + "\"end_session_endpoint\":\"%s/protocol/openid-connect/logout\"}")
                    .formatted(issuer, issuer, issuer, issuer, issuer);
            server.createContext("/realms/bench/.well-known/openid-configuration", e -> reply(e, discovery));
            server.createContext("/realms/bench/protocol/openid-connect/certs", e -> reply(e, jwks));
            // The authorisation-code flow for the web console: whoever asks is the benchmark's csirt (no login form);
            // the code is sent straight back with the console's state, and exchanged for tokens of that person.
            Tokens tokens = new Tokens(keys, issuer);
            server.createContext("/realms/bench/protocol/openid-connect/auth", e -> {
                Map<String, String> q = form(e.getRequestURI().getRawQuery());
                String code = java.util.UUID.randomUUID().toString();
                String location = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?")
                        + "code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
                e.getResponseHeaders().set("Location", location);
                e.sendResponseHeaders(302, -1);
                e.close();
            });
            server.createContext("/realms/bench/protocol/openid-connect/token", e -> {
                try {
                    String access = tokens.sign("csirt1", "demo-city", "information-policy", "information-policy",
                            "csirt");
                    reply(e, ("{\"access_token\":\"%s\",\"id_token\":\"%s\",\"refresh_token\":\"bench-refresh\","
                            + "\"token_type\":\"Bearer\",\"expires_in\":21600}").formatted(access,
                            tokens.idToken("csirt1")));
                } catch (Exception failed) {
                    throw new IOException(failed);
                }
            });
            server.start();
            return new IdentityProvider(server, issuer);
        }

        private static Map<String, String> form(String raw) {
            Map<String, String> values = new HashMap<>();
            for (String pair : (raw == null ? "" : raw).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    values.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            return values;
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

        void stop() {
            server.stop(0);
        }
    }

    private static void awaitReady(int port, Duration atMost, Process process) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped; see service.log");
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
        throw new IllegalStateException("the service did not become ready; see service.log");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), format.formatted(args));
    }
}
