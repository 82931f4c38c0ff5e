package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.horenso.localstack.MailCatcher.CaughtMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A staff report travels the reporting chain of 第43条 across the three packaged services, with real tokens
 * from the real Keycloak: the section chief is mailed and acknowledges in time, or does not and the case
 * escalates to the department head and the security lead. "Immediately" (直ちに) is {@value
 * RunningSystem#IMMEDIATELY} in this run.
 */
@ExtendWith(SystemUnderTest.class)
class ReportTravelsTheChainEndToEndTest {

    private static final String JSON = "application/json; charset=UTF-8";
    private static final Pattern CASE_NUMBER = Pattern.compile("DEMO-(\\d{4})-\\d{6}");
    private static final Pattern ESCALATION_SUBJECT =
            Pattern.compile("エスカレーション|escalat|期限|未確認|overdue", Pattern.CASE_INSENSITIVE);
    /** Generous: the CI machine has two cores shared by five JVMs. */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(60);

    private static final Duration ESCALATION_WAIT = Duration.ofSeconds(120);
    /** How long after a deadline an escalation would surely have shown up (scheduler period, relay, mail). */
    private static final Duration ESCALATION_MARGIN = Duration.ofSeconds(20);

    private static RunningSystem system;
    private static DemoRealm realm;

    @BeforeAll
    static void connect(RunningSystem running) {
        system = running;
        system.stack();
        realm = new DemoRealm(running.keycloak());
    }

    @Test
    void article43_2_sectionChiefsAcknowledgementForwardsTheReportToDepartmentHeadAndSecurityLeadAtOnce() {
        String staff1 = realm.accessToken("staff1");
        String chief1 = realm.accessToken("chief1");

        // Minute-precision times (no seconds) are valid input and must still travel as RFC 3339 date-times.
        Case reported = report(staff1, "USBメモリの紛失 / Lost USB stick", TO_THE_MINUTE);
        Instant reportedAt = Instant.now();

        // The section chief learns of it by mail, "immediately" ...
        CaughtMail mail = awaitMail("chief1", reported, MAIL_WAIT);
        // ... and acknowledges at once, well before the deadline, with a comment for the next level.
        String comment = "端末は回収済み。詳細を確認中です。 / Device recovered, checking details.";
        given().auth()
                .oauth2(chief1)
                .contentType(JSON)
                .body(Map.of("comment", comment))
                .post(system.incidentUrl() + "/api/incidents/" + reported.id() + "/acknowledgements")
                .then()
                .statusCode(201);

        assertTrue(mail.subject().contains(reported.number()), "subject names the case: " + mail.subject());
        assertJapaneseBeforeEnglish(mail.body());
        assertLinksTo(mail.body(), reported);

        // 第43条2項: the section chief's acknowledgement reports it on, immediately, to the department head and
        // the security lead; the chief's comment travels with it.
        for (String forwardedTo : List.of("head1", "seclead")) {
            CaughtMail forwarded = awaitMail(forwardedTo, reported, MAIL_WAIT);
            assertTrue(
                    forwarded.body().contains("端末は回収済み"),
                    forwardedTo + "'s mail carries chief1's comment:\n" + forwarded.body());
            assertJapaneseBeforeEnglish(forwarded.body());
        }

        // The CSIRT sees the whole trail, delivery records included ...
        List<Map<String, Object>> timeline = awaitTimeline(
                realm.accessToken("csirt1"),
                reported,
                Duration.ofSeconds(60),
                "REPORTED",
                "HOP_OPENED",
                "NOTIFICATION_DELIVERED",
                "ACKNOWLEDGED",
                "HOP_ACKNOWLEDGED");
        // ... the reporter its progress only: no delivery records (issue 12, who sees which timeline entry).
        List<Map<String, Object>> reportersView = timeline(staff1, reported);
        assertTrue(
                entries(reportersView, "HOP_ACKNOWLEDGED").size() == 1
                        && entries(reportersView, "NOTIFICATION_DELIVERED").isEmpty(),
                "staff1 sees the progress without delivery records: " + reportersView);
        for (Map<String, Object> entry : timeline) {
            assertTrue(
                    entry.keySet().containsAll(Set.of("type", "at", "actor", "details")),
                    "timeline entry has type, at, actor, details: " + entry);
            OffsetDateTime.parse(String.valueOf(entry.get("at")));
        }
        assertEquals("staff1", username(only(timeline, "REPORTED").get("actor")), "reporter");
        Map<String, Object> chiefsHop = entries(timeline, "HOP_OPENED").stream()
                .filter(e -> "chief1".equals(username(details(e).get("recipient"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a hop to chief1: " + timeline));
        assertTrue(
                entries(timeline, "NOTIFICATION_DELIVERED").stream().anyMatch(e -> mentions(details(e), "chief1")),
                "delivery to chief1 recorded: " + timeline);
        assertEquals("chief1", username(only(timeline, "ACKNOWLEDGED").get("actor")));
        assertEquals(
                Boolean.FALSE,
                details(entries(timeline, "HOP_ACKNOWLEDGED").get(0)).get("late"),
                "acknowledged in time: " + timeline);

        // Sentinel: head1's forwarded hop is not acknowledged, so it times out after its own deadline. By then,
        // chief1's hop (acknowledged, opened earlier) would long have timed out had its clock not stopped.
        Instant chiefsDeadline = deadlineOf(chiefsHop, reportedAt);
        await("head1's forwarded hop times out")
                .atMost(ESCALATION_WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> entries(timeline(staff1, reported), "HOP_TIMED_OUT").stream()
                        .anyMatch(e -> mentions(details(e), "head1")));
        await("past chief1's deadline and a margin")
                .atMost(ESCALATION_WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Instant.now().isAfter(chiefsDeadline.plus(ESCALATION_MARGIN)));
        List<Map<String, Object>> after = timeline(staff1, reported);
        assertTrue(
                entries(after, "HOP_TIMED_OUT").stream().noneMatch(e -> mentions(details(e), "chief1")),
                "chief1's hop did not time out: " + after);
    }

    @Test
    void article44_2_csirtReportOnTheWelfareSectionReachesTheCisoAndThatSectionsHeadAndChief() {
        String csirt1 = realm.accessToken("csirt1");
        awaitUnitKnown(csirt1, "welfare-section");

        Map<String, Object> body =
                new java.util.HashMap<>(reportBody("福祉課端末のマルウェア感染 / Malware on a welfare-section PC", TO_THE_SECOND));
        body.put("reporterType", "CSIRT_MONITORING");
        body.put("unit", "welfare-section");
        Case reported = report(csirt1, body);

        // 第44条2項: the CSIRT reports at once to the CISO and to the department head and section chief concerned
        // — the welfare section's, not the CSIRT's own information-policy section; the vice-CISO gets a copy (第9条).
        for (String told : List.of("ciso", "head2", "chief2", "viceciso")) {
            awaitMail(told, reported, MAIL_WAIT);
        }
        assertTrue(
                system.mail().messagesTo(DemoRealm.mailOf("chief1")).stream()
                        .noneMatch(m -> m.subject() != null && m.subject().contains(reported.number())),
                "the general-affairs chief is not told of a welfare-section case");
    }

    @Test
    void article44_4_decisionsOnTheCaseReachAPerson() {
        String csirt1 = realm.accessToken("csirt1");
        String ciso = realm.accessToken("ciso");
        Map<String, Object> body =
                new java.util.HashMap<>(reportBody("窓口端末の設定不備 / Misconfigured counter PC", TO_THE_SECOND));
        body.put("reporterType", "CSIRT_MONITORING");
        body.put("unit", "general-affairs-section");
        Case reported = report(csirt1, body);
        String incident = system.incidentUrl() + "/api/incidents/" + reported.id();

        // A recurrence-prevention step assigned to the general-affairs section reaches its chief (第44条3項).
        given().auth()
                .oauth2(csirt1)
                .contentType(JSON)
                .body(Map.of(
                        "kind",
                        "RECURRENCE_PREVENTION",
                        "description",
                        "窓口端末の設定手順を見直す / Review the counter PC set-up procedure",
                        "ownerUnit",
                        "general-affairs-section",
                        "dueDate",
                        java.time.LocalDate.now(ZoneId.of("Asia/Tokyo"))
                                .plusDays(14)
                                .toString()))
                .post(incident + "/responses")
                .then()
                .statusCode(201);
        awaitMailWith("chief1", reported, "再発防止");

        // The CSIRT's report to the CISO (第44条4項) reaches the CISO and the vice-CISO ...
        given().auth()
                .oauth2(csirt1)
                .contentType(JSON)
                .body(Map.of("summary", "原因と対策の報告 / Cause and measures"))
                .post(incident + "/ciso-reports")
                .then()
                .statusCode(201);
        awaitMails("ciso", reported, 2);
        awaitMails("viceciso", reported, 2);

        // ... and the CISO's return with instructions (第44条5項) reaches the CSIRT with the instructions.
        String instructions = "職員研修を再発防止策に加えること / Add staff training to the measures";
        given().auth()
                .oauth2(ciso)
                .contentType(JSON)
                .body(Map.of("decision", "RETURN", "instructions", instructions))
                .post(incident + "/ciso-reports/1/decision")
                .then()
                .statusCode(200);
        awaitMailWith("csirt1", reported, "職員研修を再発防止策に加えること");
    }

    @Test
    void unacknowledgedReportEscalatesToDepartmentHeadAndSecurityLead() {
        String staff1 = realm.accessToken("staff1");

        Case reported = report(staff1, "不審メールの添付ファイルを開いた / Opened a suspicious attachment", TO_THE_SECOND);

        for (String escalatedTo : List.of("head1", "seclead")) {
            CaughtMail mail = awaitMail(escalatedTo, reported, ESCALATION_WAIT);
            assertTrue(
                    ESCALATION_SUBJECT.matcher(mail.subject()).find(),
                    "the subject says the case was escalated: " + mail.subject());
            assertJapaneseBeforeEnglish(mail.body());
            assertLinksTo(mail.body(), reported);
        }

        List<Map<String, Object>> timeline = awaitTimeline(
                staff1, reported, Duration.ofSeconds(60), "REPORTED", "HOP_OPENED", "HOP_TIMED_OUT", "ESCALATED");
        assertTrue(
                entries(timeline, "HOP_TIMED_OUT").stream().anyMatch(e -> mentions(details(e), "chief1")),
                "chief1's hop timed out: " + timeline);
        // Their own hops time out in turn and escalate to the CISO: look for the escalation from chief1's hop.
        assertTrue(
                entries(timeline, "ESCALATED").stream()
                        .anyMatch(e -> mentions(details(e), "head1") && mentions(details(e), "seclead")),
                "escalated to head1 and seclead: " + timeline);
    }

    @Test
    void callsWithoutTokenAreUnauthorised() {
        given().contentType(JSON)
                .body(reportBody("トークンなし / no token", TO_THE_SECOND))
                .post(system.incidentUrl() + "/api/incidents")
                .then()
                .statusCode(401);
        given().get(system.incidentUrl() + "/api/incidents/" + UUID.randomUUID())
                .then()
                .statusCode(401);
    }

    @Test
    void staffMayNotAcknowledgeACase() {
        String staff1 = realm.accessToken("staff1");
        Case reported = report(staff1, "誤送信メール / Mis-sent e-mail", TO_THE_SECOND);

        given().auth()
                .oauth2(staff1)
                .contentType(JSON)
                .body(Map.of())
                .post(system.incidentUrl() + "/api/incidents/" + reported.id() + "/acknowledgements")
                .then()
                .statusCode(403);
    }

    @Test
    void unknownCaseIsNotFoundAsProblemDetails() {
        Response response = given().auth()
                .oauth2(realm.accessToken("staff1"))
                .get(system.incidentUrl() + "/api/incidents/" + UUID.randomUUID());

        response.then().statusCode(404);
        assertTrue(
                response.contentType().startsWith("application/problem+json"),
                "content type: " + response.contentType());
        assertEquals(404, response.jsonPath().getInt("status"));
    }

    // --- the steps -------------------------------------------------------------------------------------------

    private record Case(String id, String number) {}

    /** Times as a web form's date-time field gives them: to the minute, Japan time. */
    private static final DateTimeFormatter TO_THE_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");
    /** Times as a program gives them: RFC 3339 with seconds, UTC. */
    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static Map<String, Object> reportBody(String title, DateTimeFormatter times) {
        OffsetDateTime now = OffsetDateTime.now(times == TO_THE_MINUTE ? ZoneId.of("Asia/Tokyo") : ZoneOffset.UTC)
                .truncatedTo(times == TO_THE_MINUTE ? ChronoUnit.MINUTES : ChronoUnit.SECONDS);
        return Map.of(
                "title",
                title,
                "description",
                "システムテストによる報告です。 / Filed by the system tests.",
                "occurredAt",
                times.format(now.minusHours(2)),
                "discoveredAt",
                times.format(now.minusMinutes(10)),
                "reporterType",
                "STAFF");
    }

    private static Case report(String token, String title, DateTimeFormatter times) {
        return report(token, reportBody(title, times));
    }

    private static Case report(String token, Map<String, Object> body) {
        Response response =
                given().auth().oauth2(token).contentType(JSON).body(body).post(system.incidentUrl() + "/api/incidents");
        response.then().statusCode(201);
        String id = response.jsonPath().getString("id");
        String number = response.jsonPath().getString("number");
        UUID.fromString(id);
        var matcher = CASE_NUMBER.matcher(number);
        assertTrue(matcher.matches(), "demo-city's own case number DEMO-YYYY-NNNNNN: " + number);
        int year = Integer.parseInt(matcher.group(1));
        assertTrue(
                year == OffsetDateTime.now(ZoneOffset.UTC).getYear()
                        || year == OffsetDateTime.now(ZoneId.of("Asia/Tokyo")).getYear(),
                "this year's number: " + number);
        String location = response.header("Location");
        assertNotNull(location, "Location header");
        assertTrue(location.endsWith("/api/incidents/" + id), "Location points at the case: " + location);
        return new Case(id, number);
    }

    private static CaughtMail awaitMail(String username, Case reported, Duration atMost) {
        return await("mail to " + username + " about " + reported.number() + " (logs: " + system.logsDir() + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> system.mail().messagesTo(DemoRealm.mailOf(username)).stream()
                                .filter(m -> m.subject() != null && m.subject().contains(reported.number()))
                                .reduce((first, later) -> later)
                                .orElse(null),
                        m -> m != null);
    }

    /** The directory reaches incident-service as an event after escalation-service seeded it. */
    private static void awaitUnitKnown(String token, String unit) {
        await("unit " + unit + " known to incident-service")
                .atMost(MAIL_WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth()
                                .oauth2(token)
                                .get(system.incidentUrl() + "/api/units")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("units.code", String.class),
                        codes -> codes != null && codes.contains(unit));
    }

    private static List<CaughtMail> mailsAbout(String username, Case reported) {
        return system.mail().messagesTo(DemoRealm.mailOf(username)).stream()
                .filter(m -> m.subject() != null && m.subject().contains(reported.number()))
                .toList();
    }

    private static void awaitMails(String username, Case reported, int count) {
        await(count + " mails to " + username + " about " + reported.number() + " (logs: " + system.logsDir() + ")")
                .atMost(MAIL_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mailsAbout(username, reported).size() >= count);
    }

    private static void awaitMailWith(String username, Case reported, String text) {
        await("mail to " + username + " about " + reported.number() + " saying " + text + " (logs: " + system.logsDir()
                        + ")")
                .atMost(MAIL_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mailsAbout(username, reported).stream()
                        .anyMatch(m -> m.body().contains(text)));
    }

    private static List<Map<String, Object>> timeline(String token, Case reported) {
        return given().auth()
                .oauth2(token)
                .get(system.incidentUrl() + "/api/incidents/" + reported.id())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("timeline");
    }

    private static List<Map<String, Object>> awaitTimeline(
            String token, Case reported, Duration atMost, String... types) {
        return await("timeline of " + reported.number() + " has " + List.of(types) + " (logs: " + system.logsDir()
                        + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> timeline(token, reported),
                        timeline -> List.of(types).stream()
                                .allMatch(t -> !entries(timeline, t).isEmpty()));
    }

    private static List<Map<String, Object>> entries(List<Map<String, Object>> timeline, String type) {
        return timeline.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> timeline, String type) {
        List<Map<String, Object>> found = entries(timeline, type);
        assertEquals(1, found.size(), "one " + type + " in " + timeline);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> entry) {
        Object details = entry.get("details");
        assertTrue(details instanceof Map, "details is an object: " + entry);
        return (Map<String, Object>) details;
    }

    /** A person as the timeline names them: a user name, or an object with {@code username}. */
    private static String username(Object person) {
        if (person instanceof Map<?, ?> map) {
            return String.valueOf(map.get("username"));
        }
        return String.valueOf(person);
    }

    /** Whether a person appears anywhere in a value, by user name or e-mail address. */
    private static boolean mentions(Object value, String username) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> mentions(v, username));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(v -> mentions(v, username));
        }
        return username.equals(value) || DemoRealm.mailOf(username).equals(value);
    }

    private static Instant deadlineOf(Map<String, Object> hopOpened, Instant reportedAt) {
        Object deadline = details(hopOpened).get("ackDeadline");
        if (deadline == null) {
            return reportedAt.plus(Duration.parse(RunningSystem.IMMEDIATELY));
        }
        return OffsetDateTime.parse(String.valueOf(deadline)).toInstant();
    }

    // --- mail content ----------------------------------------------------------------------------------------

    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    private static final Pattern ENGLISH_WORDS = Pattern.compile("[A-Za-z]+(?: +[A-Za-z,.'()]+){2,}");

    /** Japanese first, English second: the first Japanese line comes before the first English sentence. */
    private static void assertJapaneseBeforeEnglish(String body) {
        List<String> lines = body.lines().toList();
        int japanese = -1;
        int english = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (japanese < 0 && JAPANESE.matcher(line).find()) {
                japanese = i;
            }
            if (english < 0
                    && !JAPANESE.matcher(line).find()
                    && ENGLISH_WORDS.matcher(line).find()) {
                english = i;
            }
        }
        assertTrue(japanese >= 0, "mail has Japanese text:\n" + body);
        assertTrue(english >= 0, "mail has English text:\n" + body);
        assertTrue(japanese < english, "Japanese before English:\n" + body);
    }

    private static void assertLinksTo(String body, Case reported) {
        Pattern link = Pattern.compile(Pattern.quote(system.incidentUrl()) + "/\\S*(" + Pattern.quote(reported.id())
                + "|" + Pattern.quote(reported.number()) + ")");
        assertTrue(link.matcher(body).find(), "mail links to the case at " + system.incidentUrl() + ":\n" + body);
    }
}
