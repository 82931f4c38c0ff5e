package jp.horenso.incident.organisation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.Directories;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.NotificationEvents;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Organisations are onboarded by escalation-service's OrganisationOnboarded (issue 12); every event carries its
 * organisation and each consumer checks it against the case's (or, for the directory and the onboarding, the
 * subject's): an event claiming another organisation goes to the dead-letter topic and changes nothing.
 */
@QuarkusTest
class OrganisationOnboardingTest {

    private static final String ESCALATION_DLQ = ChainEvents.TOPIC + ".incident-service.dlq";
    private static final String NOTIFICATION_DLQ = NotificationEvents.TOPIC + ".incident-service.dlq";

    @Test
    void anOrganisationOnboardedThroughTheBrokerGetsItsProfileAndItsOwnCaseNumbers() {
        String code = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix =
                "T" + Long.toString(System.nanoTime() % 100_000_000L, 36).toUpperCase();
        String token = Tokens.tokenIn(code, "someone", "dept", "section", "staff");
        // Not onboarded yet: nothing can be filed for it (409, Japanese by default, English on request).
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("まだこのシステムに登録されていない"));
        given().auth()
                .oauth2(token)
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(409)
                .body("detail", containsString("is not onboarded"));

        Organisations.send(code, """
                {"organisation":"%s","name":{"ja":"テスト町","en":"Test Town"},"caseNumberPrefix":"%s",
                 "classificationScheme":"MIC-2024","contact":{"ja":"テスト町 総務課","en":"Test Town, General Affairs"},
                 "publicContacts":["0120-000-000"],"onboardedBy":"horenso-admin"}""".formatted(code, prefix));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/organisation")
                        .then()
                        .statusCode(200)
                        .body("name.ja", equalTo("テスト町"))
                        .body("caseNumberPrefix", equalTo(prefix))
                        .body("classificationScheme", equalTo("MIC-2024"))
                        .body("publicContacts", equalTo(java.util.List.of("0120-000-000"))));
        int year = OffsetDateTime.now(jp.horenso.incident.common.time.JapanTime.ZONE)
                .getYear();
        String first = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("number", equalTo(prefix + "-" + year + "-000001"))
                .body("organisation", equalTo(code))
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("number", equalTo(prefix + "-" + year + "-000002"));
        // The demo city's numbering is its own.
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + Reports.file(Tokens.staff1()))
                .then()
                .body("number", startsWith("DEMO-" + year + "-"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + first)
                .then()
                .statusCode(404);
    }

    @Test
    void anOnboardingWhoseSubjectIsAnotherOrganisationGoesToTheDeadLetterTopic() {
        String code = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String data = """
                {"organisation":"%s","name":{"ja":"偽","en":"Fake"},"caseNumberPrefix":"FAKE",
                 "classificationScheme":"KANUMA","contact":{"ja":"-","en":"-"},"publicContacts":[],
                 "onboardedBy":"mallory"}""".formatted(code);
        // Envelope says demo-city, data says the new organisation.
        String event =
                Organisations.event(UUID.randomUUID(), "demo-city", code, OffsetDateTime.now(ZoneOffset.UTC), data);
        KafkaTopics.send(Directories.ESCALATION_EVENTS, code, event);
        KafkaTopics.awaitRecord(ESCALATION_DLQ, r -> event.equals(r.value()), Duration.ofSeconds(30));
        given().auth()
                .oauth2(Tokens.tokenIn(code, "someone", "d", "s", "staff"))
                .get("/api/organisation")
                .then()
                .statusCode(409);
    }

    @Test
    void aDirectoryClaimingAnotherOrganisationGoesToTheDeadLetterTopic() {
        // A directory for demo-city in the data, claiming demo-gikai in the envelope: refused, demo-city unchanged.
        String event = Directories.event(
                        UUID.randomUUID(),
                        "demo-city",
                        OffsetDateTime.now(ZoneOffset.UTC),
                        "[{\"code\":\"x\",\"kind\":\"DEPARTMENT\",\"parent\":null,\"name\":{\"ja\":\"偽\",\"en\":\"Fake\"}}]")
                .replace(
                        "\"subject\":\"demo-city\",\"organisation\":\"demo-city\"",
                        "\"subject\":\"demo-city\",\"organisation\":\"demo-gikai\"");
        org.junit.jupiter.api.Assertions.assertTrue(event.contains("\"organisation\":\"demo-gikai\""), event);
        KafkaTopics.send(Directories.ESCALATION_EVENTS, "demo-city", event);
        KafkaTopics.awaitRecord(ESCALATION_DLQ, r -> event.equals(r.value()), Duration.ofSeconds(30));
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/units")
                .then()
                .statusCode(200)
                .body("units.code", not(hasItem("x")));
    }

    @Test
    void chainDeliveryAndLinkEventsClaimingAnotherOrganisationGoToTheDeadLetterTopicsAndChangeNothing() {
        String id = Reports.file(Tokens.staff1());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID hop = ChainEvents.send("demo-gikai", "HopOpened", id, now, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"gikai-chief1"},
                 "ackDeadline":"%s"}""".formatted(
                        id, UUID.randomUUID(), ChainEvents.t(now.plusMinutes(15))));
        KafkaTopics.awaitRecord(ESCALATION_DLQ, r -> r.value().contains(hop.toString()), Duration.ofSeconds(30));

        String failed = NotificationEvents.failed("demo-gikai", id, "chief1", "550 spoofed");
        KafkaTopics.send(NotificationEvents.TOPIC, id, failed);
        KafkaTopics.awaitRecord(NOTIFICATION_DLQ, r -> failed.equals(r.value()), Duration.ofSeconds(30));

        String link = NotificationEvents.linkUsed("demo-gikai", id, "gikai-chief1");
        KafkaTopics.send(NotificationEvents.TOPIC, id, link);
        KafkaTopics.awaitRecord(NOTIFICATION_DLQ, r -> link.equals(r.value()), Duration.ofSeconds(30));

        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("timeline.type", hasItem("REPORTED"))
                .body("timeline.type", not(hasItem("HOP_OPENED")))
                .body("timeline.type", not(hasItem("NOTIFICATION_FAILED")))
                .body("timeline.type", not(hasItem("ACKNOWLEDGED")))
                .body("state", not(equalTo("ACKNOWLEDGED")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/chain")
                .then()
                .statusCode(200)
                .body(not(containsString("gikai-chief1")));
    }
}
