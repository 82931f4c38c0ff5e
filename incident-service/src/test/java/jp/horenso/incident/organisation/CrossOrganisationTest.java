package jp.horenso.incident.organisation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two organisations in one installation, sealed from each other (issue 12): デモ市 (demo-city) and デモ市議会
 * (demo-gikai), both onboarded through OrganisationOnboarded and DirectoryPublished on the real broker. Every case
 * endpoint, list, search, count, statistic, KPI, export and document of one organisation's case, asked by the other
 * organisation's people, answers 404 (403 where the role itself is refused) and changes nothing; lists never hold
 * the other's cases; case numbers are per organisation.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossOrganisationTest {

    private static final String RECORD = json(Records.minor());
    private static final String MARKER = "議会端末 " + UUID.randomUUID().toString().substring(0, 8);
    private static String gikaiCase;
    private static String gikaiNumber;
    private static String cityCase;
    private static String cityNumber;

    private static final List<String> CITY_PEOPLE = List.of(
            Tokens.csirt1(),
            Tokens.seclead(),
            Tokens.auditor(),
            Tokens.ciso(),
            Tokens.staff1(),
            Tokens.chief1(),
            Tokens.head1(),
            Tokens.viceCiso());
    private static final List<String> GIKAI_PEOPLE = List.of(
            Tokens.gikaiCsirt(),
            Tokens.gikaiSeclead(),
            Tokens.gikaiAuditor(),
            Tokens.gikaiChair(),
            Tokens.gikaiStaff(),
            Tokens.gikaiChief(),
            Tokens.gikaiHead());

    @Test
    @Order(1)
    void bothOrganisationsAreOnboardedThroughTheBrokerAndNumberTheirOwnCases() {
        Organisations.send("demo-city", Organisations.DEMO_CITY_DATA);
        Directories.publishDemoCity();
        Organisations.onboardDemoGikai();
        given().auth().oauth2(Tokens.gikaiStaff()).get("/api/units").then().body("organisation", equalTo("demo-gikai"));
        given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/organisation")
                .then()
                .body("name.ja", equalTo("デモ市議会"))
                .body("classificationScheme", equalTo("KANUMA"));

        int year = OffsetDateTime.now(JapanTime.ZONE).getYear();
        Map<String, Object> report = Reports.valid();
        report.put("title", MARKER);
        Response filed = given().auth()
                .oauth2(Tokens.gikaiStaff())
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/incidents");
        filed.then()
                .statusCode(201)
                .body("number", equalTo("GIKAI-" + year + "-000001"))
                .body("organisation", equalTo("demo-gikai"))
                .body("unit", equalTo("gikai-general"));
        gikaiCase = filed.path("id");
        gikaiNumber = filed.path("number");
        given().auth()
                .oauth2(Tokens.gikaiStaff())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("number", equalTo("GIKAI-" + year + "-000002"));
        cityCase = Reports.file(Tokens.staff1());
        cityNumber = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + cityCase)
                .path("number");
        assertTrue(cityNumber.startsWith("DEMO-" + year + "-"), cityNumber);
        // A hop of the council's chain addressed to a name that also exists in the city: the city's chief1 must
        // not find the council's case among what awaits them.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID hop = ChainEvents.send("demo-gikai", "HopOpened", gikaiCase, now, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"chief1"},
                 "ackDeadline":"%s"}""".formatted(
                        gikaiCase, UUID.randomUUID(), ChainEvents.t(now.plusMinutes(15))));
        assertTrue(hop != null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.gikaiCsirt())
                        .get("/api/incidents/" + gikaiCase + "/chain")
                        .then()
                        .statusCode(200)
                        .body("recipient.username", hasItem("chief1")));
    }

    @Test
    @Order(2)
    void everyCaseEndpointOfTheOtherOrganisationsCaseAnswers404Or403AndChangesNothing() {
        String before = given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/incidents/" + gikaiCase)
                .asString();
        List<String> leaks = new ArrayList<>();
        for (String token : CITY_PEOPLE) {
            probe(token, gikaiCase, leaks);
        }
        for (String token : GIKAI_PEOPLE) {
            probe(token, cityCase, leaks);
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
        // The roles that see every case of their own organisation get 404, as if the case did not exist.
        for (String token : List.of(Tokens.csirt1(), Tokens.seclead(), Tokens.auditor())) {
            for (String path : List.of(
                    "",
                    "/audit/verify",
                    "/audit/export.jsonl",
                    "/audit/export.csv",
                    "/review",
                    "/ciso-reports",
                    "/chain",
                    "/disclosure",
                    "/communications",
                    "/evidence")) {
                given().auth()
                        .oauth2(token)
                        .get("/api/incidents/" + gikaiCase + path)
                        .then()
                        .statusCode(404)
                        .contentType("application/problem+json");
            }
        }
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + gikaiCase)
                .then()
                .statusCode(404);
        String after = given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/incidents/" + gikaiCase)
                .asString();
        assertEquals(before, after, "the other organisation changed the case");
    }

    @Test
    @Order(3)
    void listsSearchesCountsStatisticsKpisAndInboxesHoldOnlyTheCallersOrganisation() {
        for (String token : CITY_PEOPLE) {
            for (String path : List.of(
                    "/api/incidents?size=100",
                    "/api/incidents?q=" + MARKER,
                    "/api/incidents/count",
                    "/api/incidents/statistics",
                    "/api/dashboard/cases?size=100",
                    "/api/kpis",
                    "/api/me/awaiting")) {
                Response r = given().auth().oauth2(token).get(path);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 403, path + " → " + r.statusCode());
                String body = r.asString();
                assertFalse(body.contains(gikaiCase), path + " lists the council's case");
                assertFalse(body.contains(gikaiNumber), path + " shows the council's case number");
                assertFalse(body.contains(MARKER), path + " shows the council's title");
                assertFalse(body.contains("demo-gikai"), path + " names the council");
            }
        }
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/count?q=" + MARKER)
                .then()
                .statusCode(200)
                .body("count", equalTo(0));
        given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/incidents/count?q=" + MARKER)
                .then()
                .statusCode(200)
                .body("count", equalTo(1));
        given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/incidents?size=100")
                .then()
                .statusCode(200)
                .body("items.number", everyItem(startsWith("GIKAI-")))
                .body("items.id", hasItem(gikaiCase));
        given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/dashboard/cases?size=100")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(cityCase)));
        String gikaiKpis =
                given().auth().oauth2(Tokens.gikaiCsirt()).get("/api/kpis").asString();
        assertFalse(gikaiKpis.contains(cityNumber), gikaiKpis);
        String cityStatistics = given().auth()
                .oauth2(Tokens.gikaiCsirt())
                .get("/api/incidents/statistics")
                .asString();
        assertFalse(cityStatistics.contains(cityCase));
        given().get("/api/public/organisations/demo-gikai/disclosures")
                .then()
                .statusCode(200)
                .body("items.organisation", everyItem(equalTo("demo-gikai")));
    }

    @Test
    @Order(4)
    void tokensWithoutTheClaimsTheirRoleNeedsAndTheInstallationAdministratorAreRefused() {
        String admin = Tokens.installationAdmin();
        for (String path : List.of(
                "/api/incidents",
                "/api/incidents/" + gikaiCase,
                "/api/incidents/count",
                "/api/kpis",
                "/api/me/awaiting",
                "/api/units",
                "/api/organisation")) {
            given().auth().oauth2(admin).get(path).then().statusCode(403).contentType("application/problem+json");
        }
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(403);
        // A staff token without an organisation: refused, never filed under a default organisation.
        given().auth()
                .oauth2(Tokens.tokenIn(null, "nobody", "general-affairs", "general-affairs-section", "staff"))
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.tokenIn(null, "nobody", null, null, "csirt"))
                .header("Accept-Language", "en")
                .get("/api/incidents")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("names no organisation"));
        // Staff and section chiefs need their unit, department heads their department.
        given().auth()
                .oauth2(Tokens.tokenIn("demo-city", "nounit", "general-affairs", null, "staff"))
                .get("/api/incidents")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("unit"));
        given().auth()
                .oauth2(Tokens.tokenIn("demo-city", "nounit", "general-affairs", null, "section-chief"))
                .get("/api/incidents")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.tokenIn("demo-city", "nodept", null, "general-affairs", "department-head"))
                .get("/api/incidents")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("department"));
        // A token issued for another API is not accepted at all.
        given().auth()
                .oauth2(Tokens.staff1ForAnotherAudience())
                .get("/api/incidents")
                .then()
                .statusCode(401);
    }

    /** Every endpoint of case {@code id}; anything but 403/404 from the other organisation is a leak. */
    private static void probe(String token, String id, List<String> leaks) {
        String base = "/api/incidents/" + id;
        String now = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        String evidence = UUID.randomUUID().toString();
        String action = UUID.randomUUID().toString();
        List<String[]> calls = List.of(
                new String[] {"GET", base, null},
                new String[] {"PUT", base + "/record", RECORD},
                new String[] {"POST", base + "/severity-override", "{\"severity\":\"HIGH\",\"reason\":\"x\"}"},
                new String[] {"POST", base + "/unit", "{\"unit\":\"general-affairs-section\",\"reason\":\"x\"}"},
                new String[] {"POST", base + "/withdrawal", "{\"reason\":\"x\"}"},
                new String[] {"POST", base + "/drill-marking", "{\"drill\":true,\"reason\":\"x\"}"},
                new String[] {
                    "POST",
                    base + "/legal-duties/PPC_APPI/submissions",
                    "{\"report\":\"PROMPT\",\"submittedAt\":\"" + now + "\",\"reference\":\"x\"}"
                },
                new String[] {"GET", base + "/legal-duties/PPC_APPI/commission-report-draft", null},
                new String[] {"GET", base + "/documents/ciso-reports/1", null},
                new String[] {"GET", base + "/documents/committee-report", null},
                new String[] {"GET", base + "/documents/commission-reports/PPC_APPI", null},
                new String[] {"GET", base + "/documents/persons-notice", null},
                new String[] {"POST", base + "/ciso-reports", "{\"summary\":\"x\"}"},
                new String[] {"GET", base + "/ciso-reports", null},
                new String[] {"GET", base + "/ciso-reports/1", null},
                new String[] {"GET", base + "/ciso-reports/1/snapshot", null},
                new String[] {"POST", base + "/ciso-reports/1/decision", "{\"decision\":\"ACCEPT\"}"},
                new String[] {"GET", base + "/review", null},
                new String[] {"POST", base + "/committee-report", "{\"reportedAt\":\"" + now + "\",\"reference\":\"x\"}"
                },
                new String[] {"POST", base + "/close", null},
                new String[] {"GET", base + "/responses", null},
                new String[] {"GET", base + "/responses/" + action, null},
                new String[] {
                    "POST",
                    base + "/responses",
                    "{\"kind\":\"CONTAINMENT\",\"description\":\"x\",\"ownerUnit\":\"general-affairs-section\"}"
                },
                new String[] {"GET", base + "/audit/verify", null},
                new String[] {"GET", base + "/audit/export.jsonl", null},
                new String[] {"GET", base + "/audit/export.csv", null},
                new String[] {"POST", base + "/acknowledgements", "{\"comment\":\"x\"}"},
                new String[] {"GET", base + "/chain", null},
                new String[] {"GET", base + "/communications", null},
                new String[] {"GET", base + "/communications/" + UUID.randomUUID(), null},
                new String[] {"GET", base + "/evidence", null},
                new String[] {"GET", base + "/evidence/" + evidence, null},
                new String[] {"GET", base + "/evidence/" + evidence + "/content", null},
                new String[] {"POST", base + "/evidence/" + evidence + "/handovers", "{\"to\":\"x\",\"purpose\":\"x\"}"
                },
                new String[] {"GET", base + "/disclosure", null},
                new String[] {"PUT", base + "/disclosure/decision", "{\"method\":\"NONE\"}"},
                new String[] {"POST", base + "/disclosure/drafts", "{\"titleJa\":\"x\",\"bodyJa\":\"x\"}"},
                new String[] {"POST", base + "/disclosure/drafts/1/approval", null},
                new String[] {"POST", base + "/disclosure/publications", "{\"draftVersion\":1}"});
        for (String[] call : calls) {
            var request = given().auth().oauth2(token).header("If-Match", "\"0\"");
            if (call[2] != null) {
                request = request.contentType(ContentType.JSON).body(call[2]);
            }
            Response r = request.request(call[0], call[1]);
            int status = r.statusCode();
            String body = r.asString();
            if ((status != 404 && status != 403) || body.contains(id.equals(gikaiCase) ? MARKER : "demo-city")) {
                leaks.add(call[0] + " " + call[1] + " by " + who(token) + " → " + status + " " + abbreviate(body));
            }
        }
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String who(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"preferred_username\":\"([^\"]+)\".*", "$1");
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
