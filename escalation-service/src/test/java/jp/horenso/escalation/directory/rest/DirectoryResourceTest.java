package jp.horenso.escalation.directory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** The directory's administration and its bulk import and export for the April reorganisation, in test-import. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DirectoryResourceTest {

    private static final String DIRECTORY = "/api/directory";
    private static final String CSV = "text/csv; charset=UTF-8";
    private static final String YAML = "application/yaml; charset=UTF-8";

    /** The unit {@code code} in every DirectoryPublished of test-import so far. */
    private static List<com.fasterxml.jackson.databind.JsonNode> published(String code) {
        List<com.fasterxml.jackson.databind.JsonNode> units = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode event :
                EscalationEventLog.get().ofSubject("test-import", "DirectoryPublished")) {
            event.path("data").path("units").forEach(u -> {
                if (u.path("code").asText().equals(code)) {
                    units.add(u);
                }
            });
        }
        return units;
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void exportedYamlImportsBackUnchanged() {
        String exported = export("yaml");
        assertTrue(exported.contains("code: test-import"), exported);

        given().contentType(YAML)
                .body(utf8(exported))
                .when()
                .put(DIRECTORY)
                .then()
                .statusCode(200)
                .body("organisation", equalTo("test-import"))
                .body("dryRun", equalTo(false));
        assertEquals(exported, export("yaml"));
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void formulaCellsAreNeutralisedInTheCsvExportAndRoundTripUnchanged() {
        String formula = "=HYPERLINK(\"http://evil.example/\",\"click\")";
        String withFormula = export("csv")
                + "person,i-formula,im-sec,,,\"" + formula.replace("\"", "\"\"") + "\",,"
                + "i-formula@import.example.jp,ja,,\r\n";
        given().contentType(CSV).body(withFormula).when().put(DIRECTORY).then().statusCode(200);

        // Stored as written: the apostrophe is only the export's.
        given().when()
                .get(DIRECTORY)
                .then()
                .statusCode(200)
                .body("people.find { it.username == 'i-formula' }.name", equalTo(formula));
        String exported = export("csv");
        String line = exported.lines()
                .filter(l -> l.startsWith("person,i-formula,"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "person,i-formula,im-sec,,,\"'" + formula.replace("\"", "\"\"") + "\",,"
                        + "i-formula@import.example.jp,ja,,",
                line,
                "no cell of the export starts a formula");

        // The export imports back unchanged (lossless round trip).
        given().contentType(CSV).body(exported).when().put(DIRECTORY).then().statusCode(200);
        given().when()
                .get(DIRECTORY)
                .then()
                .statusCode(200)
                .body("people.find { it.username == 'i-formula' }.name", equalTo(formula));
        assertEquals(exported, export("csv"));
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void aprilReorganisationImportedAsCsvTakesEffectAllAtOnce() {
        String reorganised = export("csv").replace("person,i-staff,im-sec,", "person,i-staff,im-new,")
                + "unit,im-new,im-dept,,SECTION,新設課,New Section,,,,\r\n"
                + "person,i-newchief,im-new,,,新設 課長,,i-newchief@import.example.jp,ja,,\r\n"
                + "position,i-newchief,im-new,SECTION_CHIEF,,,,,,,\r\n"
                + "deputy,i-staff,im-new,SECTION_CHIEF,,,,,,2026-04-01,2099-03-31\r\n";
        given().contentType(CSV)
                .body(reorganised)
                .when()
                .put(DIRECTORY + "?dryRun=true")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true));
        assertTrue(!export("csv").contains("im-new"), "a dry run changes nothing");
        assertTrue(published("im-new").isEmpty(), "a dry run publishes nothing");

        given().contentType(CSV).body(reorganised).when().put(DIRECTORY).then().statusCode(200);
        // The new section reaches the other services (DirectoryPublished, key = organisation code).
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !published("im-new").isEmpty());
        com.fasterxml.jackson.databind.JsonNode section = published("im-new").get(0);
        assertEquals("SECTION", section.path("kind").asText());
        assertEquals("im-dept", section.path("parent").asText());
        assertEquals("新設課", section.path("name").path("ja").asText());

        JsonPath directory =
                given().when().get(DIRECTORY).then().statusCode(200).extract().jsonPath();
        assertEquals("im-new", directory.getString("people.find { it.username == 'i-staff' }.unit"));
        assertEquals(
                "i-newchief",
                directory.getString("positions.find { it.position == 'SECTION_CHIEF' && it.unit == 'im-new' }.holder"));
        assertEquals("2099-03-31", directory.getString("deputies.find { it.unit == 'im-new' }.validUntil"));
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-import", incident, "i-staff", "im-new", "im-dept", List.of("staff"), null, false));
        assertEquals(
                "i-newchief",
                EscalationEventLog.get()
                        .await(incident, "HopOpened", 1)
                        .get(0)
                        .path("data")
                        .path("recipient")
                        .path("username")
                        .asText());
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void badCsvImportListsEveryErrorWithItsLineAndChangesNothing() {
        String before = export("csv");
        String bad = """
                type,id,unit,position,kind,name_ja,name_en,email,locale,valid_from,valid_until
                unit,im-dept,,,DEPARTMENT,総務部,,,,,
                unit,im-sec,im-dept,,SECTION,総務課,,,,,
                unit,im-lost,no-such-dept,,SECTION,迷子課,,,,,
                person,i-chief,im-sec,,,総務 課長,,i-chief@import.example.jp,ja,,
                person,i-bad,im-sec,,,"誤り, 太郎",,not-an-email,xx,,
                person,i-chief,im-sec,,,重複,,dup@import.example.jp,,,
                position,i-chief,im-sec,SECTION_CHIEF,,,,,,,
                position,i-ghost,,CISO,,,,,,,
                deputy,i-chief,im-sec,SECTION_CHIEF,,,,,,2027-04-01,2026-03-31
                position,i-chief,im-sec,MAYOR,,,,,,,
                """;

        given().contentType(CSV)
                .header("Accept-Language", "en")
                .body(bad)
                .when()
                .put(DIRECTORY)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Nothing was changed"))
                .body("errors.line", equalTo(List.of(4, 6, 6, 7, 9, 10, 11)))
                .body(
                        "errors.field",
                        equalTo(List.of("parent", "email", "locale", "username", "holder", "validUntil", "position")))
                .body("errors[3].message", containsString("line 5"));
        assertEquals(before, export("csv"));
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void importLeavingAPositionOfTheChainUnheldIsRefusedAtTheUnitsLine() {
        String before = export("csv");
        String yaml = """
                organisation: {code: test-import, name: {ja: 移行市, en: Import City}}
                units:
                  - {code: im-dept, kind: DEPARTMENT, name: {ja: 総務部}}
                  - {code: im-sec, kind: SECTION, parent: im-dept, name: {ja: 総務課}}
                  - code: im-vacant
                    kind: SECTION
                    parent: im-dept
                    name: {ja: 空席課, en: Vacant Section}
                people:
                  - {username: i-chief, name: 総務 課長, email: i-chief@import.example.jp, unit: im-sec}
                  - {username: i-seclead, name: 情報政策 課長, email: i-seclead@import.example.jp}
                  - {username: i-ciso, name: 副市長, email: i-ciso@import.example.jp}
                positions:
                  - {position: SECTION_CHIEF, unit: im-sec, holder: i-chief}
                  - {position: SECURITY_LEAD, holder: i-seclead}
                  - {position: CISO, holder: i-ciso}
                """;

        given().contentType(YAML)
                .header("Accept-Language", "en")
                .body(utf8(yaml))
                .when()
                .put(DIRECTORY)
                .then()
                .statusCode(422)
                .body("errors.line", equalTo(List.of(5)))
                .body("errors[0].field", equalTo("positions"))
                .body("errors[0].message", containsString("SECTION_CHIEF of im-vacant (Vacant Section)"));
        assertEquals(before, export("csv"));
    }

    @Test
    @TestSecurity(
            user = "i-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "test-import"))
    void badYamlImportNamesTheLineOfEachError() {
        String yaml = """
                organisation: {code: other-city}
                units:
                  - {code: im-dept, kind: DEPARTMENT, name: {ja: 総務部}}
                people:
                  - {username: i-chief, name: 総務 課長, email: i-chief@import.example.jp, unit: im-dept, room: 301}
                deputies:
                  - {position: CISO, deputy: i-chief, validFrom: 1 April}
                """;

        given().contentType(YAML)
                .body(utf8(yaml))
                .when()
                .put(DIRECTORY)
                .then()
                .statusCode(422)
                .body("title", equalTo("組織情報を取り込めません"))
                .body("errors.line", equalTo(List.of(1, 5, 7)))
                .body("errors.field", equalTo(List.of("organisation.code", "people.room", "validFrom")));
        given().contentType(YAML)
                .body(utf8("units: [ {code: x"))
                .when()
                .put(DIRECTORY)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("yaml"))
                .body("errors[0].line", equalTo(1));
    }

    @Test
    @TestSecurity(
            user = "csirt1",
            roles = "csirt",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void csirtReadsTheDirectoryButMayNotImportOrExport() {
        given().when()
                .get(DIRECTORY)
                .then()
                .statusCode(200)
                .body("organisation.name.ja", equalTo("デモ市"))
                .body("people.username", hasItem("chief1"));
        given().contentType(CSV).body("type,id\n").when().put(DIRECTORY).then().statusCode(403);
        given().when().get(DIRECTORY + "/export").then().statusCode(403);
    }

    @Test
    @TestSecurity(
            user = "staff1",
            roles = "staff",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void staffMayNotReadTheDirectory() {
        given().when().get(DIRECTORY).then().statusCode(403);
    }

    /** REST Assured knows no YAML encoder: send the bytes. */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String export(String format) {
        return given().when()
                .get(DIRECTORY + "/export?format=" + format)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
