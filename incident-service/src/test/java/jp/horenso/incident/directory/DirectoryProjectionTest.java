package jp.horenso.incident.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/** The directory projection from escalation-service's DirectoryPublished, and GET /api/units for forms. */
@QuarkusTest
class DirectoryProjectionTest {

    private static final String SECTION_A = """
            [{"code":"dept","kind":"DEPARTMENT","name":{"ja":"部"}},
             {"code":"a","kind":"SECTION","parent":"dept","name":{"ja":"A課","en":"Section A"}}]""";
    private static final String SECTION_B = """
            [{"code":"dept","kind":"DEPARTMENT","name":{"ja":"部"}},
             {"code":"b","kind":"SECTION","parent":"dept","name":{"ja":"B課","en":"Section B"}}]""";

    @Test
    void article44_2_unitsOfTheCallersOrganisationAreListedForForms() {
        Directories.publishDemoCity();
        given().auth()
                .oauth2(Tokens.staff2())
                .get("/api/units")
                .then()
                .statusCode(200)
                .body("organisation", equalTo("demo-city"))
                .body(
                        "units.code",
                        hasItems(
                                "general-affairs",
                                "general-affairs-section",
                                "information-policy",
                                "welfare",
                                "welfare-section"))
                .body("units.find { it.code == 'welfare-section' }.parent", equalTo("welfare"))
                .body("units.find { it.code == 'welfare-section' }.kind", equalTo("SECTION"))
                .body("units.find { it.code == 'welfare-section' }.name.ja", equalTo("福祉課"))
                .body("units.find { it.code == 'welfare-section' }.name.en", equalTo("Welfare Section"));
        // Every signed-in member may read it; nobody without a token.
        given().auth().oauth2(Tokens.auditor()).get("/api/units").then().statusCode(200);
        given().auth().oauth2(Tokens.committee()).get("/api/units").then().statusCode(200);
        given().get("/api/units").then().statusCode(401);
    }

    @Test
    void anOrganisationWithoutDirectoryListsNothingYet() {
        String org = "org-" + UUID.randomUUID();
        given().auth()
                .oauth2(Tokens.tokenIn(org, "someone", null, "x", "staff"))
                .get("/api/units")
                .then()
                .statusCode(200)
                .body("organisation", equalTo(org))
                .body("publishedAt", nullValue())
                .body("units", equalTo(List.of()));
    }

    @Test
    void aLaterDirectoryReplacesTheUnitsAnOlderOneIsIgnoredAndARedeliveryIsAppliedOnce() {
        String org = "org-" + UUID.randomUUID();
        String token = Tokens.tokenIn(org, "someone", null, "x", "staff");
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        String older = Directories.event(UUID.randomUUID(), org, first, SECTION_A);
        KafkaTopics.send(Directories.ESCALATION_EVENTS, org, older);
        Directories.awaitUnits(token, 2);
        given().auth().oauth2(token).get("/api/units").then().body("units.code", equalTo(List.of("dept", "a")));

        KafkaTopics.send(
                Directories.ESCALATION_EVENTS,
                org,
                Directories.event(UUID.randomUUID(), org, first.plusMinutes(30), SECTION_B));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/units")
                        .then()
                        .body("units.code", equalTo(List.of("dept", "b"))));

        // The first event again (a redelivery) and an event published earlier than the one held: both change nothing.
        KafkaTopics.send(Directories.ESCALATION_EVENTS, org, older);
        KafkaTopics.send(
                Directories.ESCALATION_EVENTS,
                org,
                Directories.event(UUID.randomUUID(), org, first.minusMinutes(5), SECTION_A));
        // A marker directory of a third organisation, sent after both: once it is applied, both were consumed.
        String marker = "org-" + UUID.randomUUID();
        KafkaTopics.send(
                Directories.ESCALATION_EVENTS,
                marker,
                Directories.event(UUID.randomUUID(), marker, OffsetDateTime.now(ZoneOffset.UTC), SECTION_A));
        Directories.awaitUnits(Tokens.tokenIn(marker, "someone", null, "x", "staff"), 2);
        given().auth().oauth2(token).get("/api/units").then().body("units.code", equalTo(List.of("dept", "b")));
    }

    @Test
    void aDirectoryThatCannotBeAppliedGoesToTheDeadLetterTopic() {
        String org = "org-" + UUID.randomUUID();
        String broken = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service",
                 "type":"jp.horenso.DirectoryPublished","time":"2026-12-01T00:00:00Z","subject":"%s","organisation":"%s",
                 "datacontenttype":"application/json","data":{"organisation":"%s","publishedAt":"2026-12-01T00:00:00Z",
                 "units":[{"code":"a","kind":"TEAM","name":{"ja":"A"}}]}}""".formatted(UUID.randomUUID(), org, org, org);
        KafkaTopics.send(Directories.ESCALATION_EVENTS, org, broken);
        KafkaTopics.awaitRecord(
                Directories.ESCALATION_EVENTS + ".incident-service.dlq",
                r -> broken.equals(r.value()),
                Duration.ofSeconds(30));
        given().auth()
                .oauth2(Tokens.tokenIn(org, "someone", null, "x", "staff"))
                .get("/api/units")
                .then()
                .body("units", equalTo(List.of()));
    }
}
