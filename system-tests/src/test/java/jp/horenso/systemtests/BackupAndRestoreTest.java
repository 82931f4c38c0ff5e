package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.MailCatcher.CaughtMail;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 第29条 (バックアップ) and 第38条 (復旧): the documented dump → restore of each service's database into a FRESH
 * PostgreSQL cluster, with the operator's own scripts ({@code deploy/backup/horenso-backup}, {@code horenso-restore}),
 * after which the services run on, every audit chain verifies and no event is applied twice.
 *
 * <p>Runs on Debian's PostgreSQL 15 ({@code /usr/lib/postgresql/15/bin}, or {@code -Dhorenso.postgres.bin=…}): the
 * embedded PostgreSQL 17 of the other tests ships no pg_dump, and pg_dump 15 refuses a 17 server. It starts only what it
 * needs beside the shared system (whose Keycloak it borrows): its own PostgreSQL, Kafka, mail catcher and the three
 * services, on free ports. docs/reliability.md, "Backup and restore", explains what is and is not guaranteed.
 */
@ExtendWith(SystemUnderTest.class)
class BackupAndRestoreTest {

    private static final String JSON = "application/json; charset=UTF-8";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(90);
    private static final List<String> DATABASES = List.of("incident", "escalation", "notification");

    @Test
    void article29_38_eachDatabaseRestoresIntoAFreshClusterAndTheServicesRunOnWithoutAnEventAppliedTwice(
            RunningSystem system) throws Exception {
        long began = System.nanoTime();
        Path binaries = Path.of(System.getProperty("horenso.postgres.bin", "/usr/lib/postgresql/15/bin"));
        assertTrue(
                Files.isExecutable(binaries.resolve("pg_dump")) && Files.isExecutable(binaries.resolve("initdb")),
                "PostgreSQL 15 client and server programs in " + binaries
                        + " (Debian: apt-get install postgresql-15; see docs/reliability.md)");
        // Under /tmp, not target/: the PostgreSQL programs run as the user postgres when the build runs as root,
        // and every folder above the cluster's must be searchable by it — a checkout's may not be.
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "horenso-backup-restore");
        deleteRecursively(work);
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new HashMap<>(RunningSystem.ENVIRONMENT);
        // No hop times out during the test: every mail below is the section chief's, once per case.
        environment.put("HORENSO_ESCALATION_IMMEDIATE", "PT30M");
        DemoRealm realm = new DemoRealm(system.keycloak());

        try (LocalStack stack = LocalStack.startServicesOnly(
                LocalStack.Settings.forTests(system.repoRoot(), work.resolve("stack"), environment),
                binaries,
                system.keycloak())) {
            String incident = stack.serviceUrl("incident-service");
            System.out.printf(
                    "[backup-restore] stack up on PostgreSQL %s after %d s%n",
                    ownerQuery(stack, "postgres", "show server_version"), seconds(began));

            // (1) Reports filed before the dump travel their chain: the section chief is mailed once per case.
            String staff1 = realm.accessToken("staff1");
            List<Case> before = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Case filed = report(incident, staff1, "バックアップ前の報告 " + i + " / Report before the backup " + i);
                awaitMail(stack, "chief1", filed);
                before.add(filed);
            }
            awaitQuiet(stack);
            Map<String, Integer> timelineBefore = new LinkedHashMap<>();
            String csirt1 = realm.accessToken("csirt1");
            for (Case c : before) {
                timelineBefore.put(c.id(), timeline(incident, csirt1, c).size());
            }

            // (2) The dump, while the services run.
            Path backups = work.resolve("backups");
            long dumpStart = System.nanoTime();
            String backupOutput = script(stack, "horenso-backup", List.of(backups.toString()), Map.of());
            Path backup = Path.of(lastLine(backupOutput));
            double dumpSeconds = (System.nanoTime() - dumpStart) / 1e9;
            String manifest = Files.readString(backup.resolve("manifest.json"));
            for (String db : DATABASES) {
                assertTrue(Files.size(backup.resolve(db + ".dump")) > 0, db + ".dump written");
                assertTrue(manifest.contains("\"database\":\"" + db + "\""), "manifest names " + db + ": " + manifest);
            }
            assertTrue(manifest.contains("PostgreSQL) 15"), "manifest names pg_dump's version: " + manifest);

            // A report filed after the dump travels its chain too; its records' offsets are committed after the
            // dump. The restore goes back to the dump: this case is not in the restored databases.
            Case afterDump = report(incident, staff1, "バックアップ後の報告 / Report after the backup");
            awaitMail(stack, "chief1", afterDump);
            awaitQuiet(stack);

            // (3) A FRESH cluster (new initdb, new data folder, same port) receives the roles and each dump.
            stack.stopServices();
            EmbeddedPostgresServer fresh = stack.replacePostgres("postgres-restored");
            assertEquals(
                    "0",
                    ownerQuery(
                            stack,
                            "postgres",
                            "select count(*) from pg_database where datname in ('incident','escalation','notification')"),
                    "the new cluster is empty");
            long restoreStart = System.nanoTime();
            script(
                    stack,
                    "horenso-restore",
                    List.of(backup.toString()),
                    Map.of("HORENSO_APP_PASSWORD", EmbeddedPostgresServer.APP_PASSWORD));
            double restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
            // The grants came with the dump: the application role still may not change or delete a trail row.
            Map<String, List<String>> trails = assertTrailsRefuseChanges(stack);

            // Worst case of a dump taken mid-flight: every event of the restored outboxes counts as unpublished, so
            // the relays publish them all again (same event ids) once the services run. The consumers' restored
            // inboxes must drop every one of them.
            Map<String, Integer> republished = new LinkedHashMap<>();
            for (String db : DATABASES) {
                republished.put(
                        db,
                        ownerUpdate(
                                stack,
                                db,
                                "update outbox_event set published_at = null where published_at is not null"));
            }

            // The second case's section-chief hop was due while the services were down (its deadline moved into the
            // past in the restored database, as 30 minutes of downtime would have): its timer must fire once.
            Case dueWhileDown = before.get(1);
            assertEquals(
                    1,
                    ownerUpdate(
                            stack,
                            "escalation",
                            "update hop set ack_deadline = now() - interval '1 minute' where incident_number = '"
                                    + dueWhileDown.number()
                                    + "' and recipient_username = 'chief1' and status = 'OPEN'"),
                    "chief1's open hop on " + dueWhileDown.number());

            // (4) The services restart against the restored cluster (Flyway finds nothing to migrate).
            long restartStart = System.nanoTime();
            stack.startServices();
            double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
            awaitQuiet(stack);

            // (5) Every re-published event was dropped: no mail twice, no timeline entry twice.
            String chief = DemoRealm.mailOf("chief1");
            Case untouched = before.get(0);
            assertEquals(
                    1, mailsAbout(stack, chief, untouched).size(), "one mail to chief1 about " + untouched.number());
            assertEquals(
                    timelineBefore.get(untouched.id()),
                    timeline(incident, realm.accessToken("csirt1"), untouched).size(),
                    untouched.number() + "'s timeline has no entry twice");
            // The timer that fell due while down fired once: the department head and the security lead are told once.
            for (String escalatedTo : List.of("head1", "seclead")) {
                awaitMail(stack, escalatedTo, dueWhileDown);
            }
            awaitQuiet(stack);
            List<Map<String, Object>> dueTimeline = timeline(incident, realm.accessToken("csirt1"), dueWhileDown);
            assertEquals(
                    1,
                    dueTimeline.stream()
                            .filter(e -> "HOP_TIMED_OUT".equals(e.get("type")))
                            .count(),
                    "one time-out on " + dueWhileDown.number() + ": " + dueTimeline);
            for (String escalatedTo : List.of("head1", "seclead")) {
                assertEquals(
                        1,
                        mailsAbout(stack, DemoRealm.mailOf(escalatedTo), dueWhileDown)
                                .size(),
                        "one escalation mail to " + escalatedTo);
            }
            // Kafka keeps its offsets: the post-dump case's records are not delivered again; the case is gone.
            assertEquals(1, mailsAbout(stack, chief, afterDump).size(), "the post-dump case was mailed once only");
            given().auth()
                    .oauth2(realm.accessToken("csirt1"))
                    .get(incident + "/api/incidents/" + afterDump.id())
                    .then()
                    .statusCode(404);

            // Every case's audit chain and every service's administrative trail verify.
            String auditor = realm.accessToken("csirt1");
            for (Case c : before) {
                Response verification =
                        given().auth().oauth2(auditor).get(incident + "/api/incidents/" + c.id() + "/audit/verify");
                verification.then().statusCode(200);
                assertEquals(Boolean.TRUE, verification.jsonPath().get("intact"), verification.asString());
            }
            String seclead = realm.accessToken("seclead");
            for (String service : LocalStack.SERVICES) {
                Response verification =
                        given().auth().oauth2(seclead).get(stack.serviceUrl(service) + "/api/admin-trail/verify");
                verification.then().statusCode(200);
                assertEquals(
                        Boolean.TRUE, verification.jsonPath().get("intact"), service + ": " + verification.asString());
            }

            // A report filed after the restore travels its chain as usual.
            Case afterRestore = report(incident, realm.accessToken("staff1"), "復元後の報告 / Report after the restore");
            awaitMail(stack, "chief1", afterRestore);
            awaitQuiet(stack);

            // No notification mailed twice, counted at the SMTP server over the whole run.
            Map<String, Long> copies = stack.mail().messages().stream()
                    .collect(Collectors.groupingBy(
                            m -> m.to() + "|" + m.subject() + "|" + m.body(), Collectors.counting()));
            List<String> twice = copies.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            assertTrue(twice.isEmpty(), "mails sent twice: " + twice);
            assertTrailsRefuseChanges(stack); // still, after afterMigrate.sql ran again

            System.out.printf(
                    "[backup-restore] FIGURES cases before the dump %d, after the dump (lost by the restore) 1, after the"
                            + " restore 1; dump of 3 databases %.1f s (%s); restore %.1f s; services ready again in"
                            + " %.1f s; events re-published %s; mails %d, sent twice %d; trail tables refusing"
                            + " UPDATE/DELETE %s; whole test %d s%n",
                    before.size(),
                    dumpSeconds,
                    sizes(backup),
                    restoreSeconds,
                    restartSeconds,
                    republished,
                    stack.mail().messages().size(),
                    twice.size(),
                    trails,
                    seconds(began));
        }
    }

    // --- the scripts ----------------------------------------------------------------------------------------------

    /** Runs one of deploy/backup's scripts against the stack's PostgreSQL as the owner; returns its output. */
    private static String script(LocalStack stack, String name, List<String> arguments, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(stack.settings()
                .repoRoot()
                .resolve("deploy/backup")
                .resolve(name)
                .toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGHOST", "127.0.0.1");
        builder.environment().put("PGPORT", Integer.toString(stack.postgres().port()));
        builder.environment().put("PGUSER", EmbeddedPostgresServer.USER);
        builder.environment().put("PGPASSWORD", EmbeddedPostgresServer.PASSWORD);
        builder.environment()
                .put(
                        "HORENSO_PG_BIN",
                        stack.postgres().installedBinaries().orElseThrow().toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            fail(name + " failed:\n" + output);
        }
        System.out.println("[backup-restore] " + name + ":\n" + output);
        return output;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String sizes(Path backup) throws IOException {
        List<String> sizes = new ArrayList<>();
        for (String db : DATABASES) {
            sizes.add(db + " " + Files.size(backup.resolve(db + ".dump")) / 1024 + " KiB");
        }
        return String.join(", ", sizes);
    }

    // --- the databases --------------------------------------------------------------------------------------------

    /**
     * As the application role, UPDATE and DELETE on every registered append-only table are refused (42501) — checked
     * with {@code where false}, so that nothing would change even if they were allowed.
     */
    private static Map<String, List<String>> assertTrailsRefuseChanges(LocalStack stack) throws SQLException {
        Map<String, List<String>> trails = new LinkedHashMap<>();
        for (String db : DATABASES) {
            List<String> tables = new ArrayList<>();
            try (Connection owner = owner(stack, db);
                    Statement s = owner.createStatement();
                    ResultSet rs = s.executeQuery("select table_name from horenso_append_only order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(!tables.isEmpty(), db + " registers its append-only trails");
            try (Connection app = DriverManager.getConnection(
                    stack.postgres().jdbcUrl(db),
                    EmbeddedPostgresServer.APP_USER,
                    EmbeddedPostgresServer.APP_PASSWORD)) {
                for (String table : tables) {
                    String column = firstColumn(stack, db, table);
                    for (String sql : List.of(
                            "update \"" + table + "\" set \"" + column + "\" = \"" + column + "\" where false",
                            "delete from \"" + table + "\" where false")) {
                        try (Statement s = app.createStatement()) {
                            s.executeUpdate(sql);
                            fail(db + ": horenso_app may " + sql);
                        } catch (SQLException e) {
                            assertEquals("42501", e.getSQLState(), db + ": " + sql + " → " + e.getMessage());
                        }
                    }
                    try (Statement s = app.createStatement();
                            ResultSet rs = s.executeQuery("select count(*) from \"" + table + "\"")) {
                        rs.next(); // and may still read it
                    }
                }
            }
            trails.put(db, tables);
        }
        return trails;
    }

    private static String firstColumn(LocalStack stack, String db, String table) throws SQLException {
        try (Connection owner = owner(stack, db);
                var s = owner.prepareStatement("select column_name from information_schema.columns"
                        + " where table_schema = 'public' and table_name = ? order by ordinal_position limit 1")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), table + " has columns");
                return rs.getString(1);
            }
        }
    }

    private static Connection owner(LocalStack stack, String db) throws SQLException {
        return DriverManager.getConnection(
                stack.postgres().jdbcUrl(db), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static String ownerQuery(LocalStack stack, String db, String sql) throws SQLException {
        try (Connection c = owner(stack, db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int ownerUpdate(LocalStack stack, String db, String sql) throws SQLException {
        try (Connection c = owner(stack, db);
                Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /**
     * Waits until nothing is in flight: every outbox row published and every consumer group caught up with the end of
     * every partition it reads.
     */
    private static void awaitQuiet(LocalStack stack) {
        // Quiet twice in a row, 3 s apart: a consumer that has just written a new outbox row is not missed.
        await("outboxes published and consumers caught up")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> quiet(stack));
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await("outboxes published and consumers caught up, still")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> quiet(stack));
    }

    private static boolean quiet(LocalStack stack) throws Exception {
        for (String db : DATABASES) {
            String pending = ownerQuery(
                    stack, db, "select count(*) from outbox_event where published_at is null and parked_at is null");
            if (!"0".equals(pending)) {
                return false;
            }
        }
        return consumerLag(stack) == 0;
    }

    private static long consumerLag(LocalStack stack) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            long lag = 0;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += ends.get(entry.getKey()).offset()
                                - entry.getValue().offset();
                    }
                }
            }
            return lag;
        }
    }

    // --- the users' side ------------------------------------------------------------------------------------------

    private record Case(String id, String number) {}

    private static Case report(String incidentUrl, String token, String title) {
        // Right after the stack starts, incident-service may not have consumed the organisation's onboarding yet:
        // it refuses the filing with 409 organisation.not-onboarded (and stores nothing) until it has.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Response response = file(incidentUrl, token, title);
            if (response.statusCode() == 409
                    && response.asString().contains("not-onboarded")
                    && System.nanoTime() < giveUp) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                continue;
            }
            response.then().statusCode(201);
            return new Case(
                    response.jsonPath().getString("id"), response.jsonPath().getString("number"));
        }
    }

    private static Response file(String incidentUrl, String token, String title) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return given().auth()
                .oauth2(token)
                .contentType(JSON)
                .body(Map.of(
                        "title",
                        title,
                        "description",
                        "バックアップと復元の試験による報告です。 / Filed by the backup and restore test.",
                        "occurredAt",
                        now.minusHours(1).toString(),
                        "discoveredAt",
                        now.minusMinutes(5).toString(),
                        "reporterType",
                        "STAFF"))
                .post(incidentUrl + "/api/incidents");
    }

    private static List<CaughtMail> mailsAbout(LocalStack stack, String address, Case c) {
        return stack.mail().messagesTo(address).stream()
                .filter(m -> m.subject() != null && m.subject().contains(c.number()))
                .toList();
    }

    private static void awaitMail(LocalStack stack, String username, Case c) {
        await("mail to " + username + " about " + c.number() + " (logs: "
                        + stack.settings().dataDir() + "/logs)")
                .atMost(MAIL_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !mailsAbout(stack, DemoRealm.mailOf(username), c).isEmpty());
    }

    private static List<Map<String, Object>> timeline(String incidentUrl, String token, Case c) {
        Response response = given().auth().oauth2(token).get(incidentUrl + "/api/incidents/" + c.id());
        response.then().statusCode(200);
        return response.jsonPath().getList("timeline");
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
