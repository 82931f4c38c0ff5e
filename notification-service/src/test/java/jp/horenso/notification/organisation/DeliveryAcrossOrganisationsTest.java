package jp.horenso.notification.organisation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.TestKafka;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications of several organisations in one installation (issue 12), on the real broker, database and mail
 * server: a case's delivery log is read only inside its organisation; an event that claims another organisation than
 * the one this service knows for its case goes to the dead-letter topic with nothing stored; the same user name in
 * two organisations is two people.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DeliveryAcrossOrganisationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "a-generic-webhook-secret-of-32-chars-or-more";

    @Inject
    DataSource db;

    @TestHTTPResource("/api/inbox/stream")
    URI stream;

    @AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    @Test
    void aCasesDeliveryLogIsReadInItsOrganisationOnlyAndByTheRolesThatMay() {
        Request request = NotificationRequests.newReport().send();
        Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
        String incident = request.incidentId.toString();

        for (String token : List.of(
                Tokens.of("csirt1", "csirt"),
                Tokens.of("seclead", "security-lead"),
                Tokens.of("ciso", "ciso"),
                Tokens.of("viceciso", "vice-ciso"),
                Tokens.of("auditor", "auditor"))) {
            given().auth()
                    .oauth2(token)
                    .queryParam("incidentId", incident)
                    .when()
                    .get("/api/notifications")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].notificationId", is(request.notificationId.toString()));
        }
        // The council's people with the same roles: the city's case looks like a case without notices.
        for (String token : List.of(
                Tokens.in(Tokens.GIKAI, "gikai-csirt1", "csirt"),
                Tokens.in(Tokens.GIKAI, "gikai-seclead", "security-lead"),
                Tokens.in(Tokens.GIKAI, "gikai-chair", "ciso"),
                Tokens.in(Tokens.GIKAI, "gikai-auditor", "auditor"))) {
            given().auth()
                    .oauth2(token)
                    .queryParam("incidentId", incident)
                    .when()
                    .get("/api/notifications")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(0));
        }
        // Staff, chiefs and heads never read a delivery log (nor its SMTP errors); nor does the installation
        // administrator, nor a token without an organisation.
        for (String token : List.of(
                Tokens.of("staff1", "staff"),
                Tokens.of("chief1", "section-chief"),
                Tokens.of("head1", "department-head"),
                Tokens.installationAdmin(),
                Tokens.in(null, "csirt1", "csirt"))) {
            given().auth()
                    .oauth2(token)
                    .queryParam("incidentId", incident)
                    .when()
                    .get("/api/notifications")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void theLiveInboxStreamOfOnePersonNeverCarriesTheirNamesakesItemsOfAnotherOrganisation() throws Exception {
        String username = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .sendAsync(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + Tokens.in(Tokens.GIKAI, username, "csirt"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> open = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, open.statusCode());
        // The city's item is stored (and polled) first: were the stream filtered by user name alone, it would come
        // before the council's.
        Request city = NotificationRequests.newReport()
                .to(username, "デモ市 同名", username + "@demo-city.example.jp")
                .send();
        Rows.awaitStored(db, city.notificationId, TIMEOUT);
        Request gikai = NotificationRequests.newReport()
                .in(Tokens.GIKAI)
                .to(username, "デモ市議会 同名", username + "@demo-gikai.example.jp")
                .send();
        try (Stream<String> lines = open.body()) {
            List<String> seen = CompletableFuture.supplyAsync(() -> {
                        List<String> data = new ArrayList<>();
                        lines.filter(line -> line.startsWith("data:"))
                                .takeWhile(line -> data.add(line) && !line.contains(gikai.notificationId.toString()))
                                .forEach(line -> {});
                        return data;
                    })
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(seen.get(seen.size() - 1).contains(gikai.incidentNumber), seen.toString());
            assertTrue(seen.stream().noneMatch(line -> line.contains(city.notificationId.toString())), seen.toString());
        }
    }

    @Test
    void aRequestClaimingAnotherOrganisationForACaseOfOneGoesToTheDeadLetterTopicAndNothingIsStored() {
        Request city = NotificationRequests.newReport().send();
        Rows.awaitStored(db, city.notificationId, TIMEOUT);

        Request intruding = NotificationRequests.newReport()
                .sameCaseAs(city)
                .in(Tokens.GIKAI)
                .to("gikai-chief1", "議会 課長", "gikai-chief1@demo-gikai.example.jp")
                .send();
        // A later request of the right organisation is still applied: consumption went on past the refused one.
        Request after = NotificationRequests.newReport().sameCaseAs(city).send();
        Rows.awaitStored(db, after.notificationId, TIMEOUT);

        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(
                TestKafka.ESCALATION_DLQ, r -> r.value().contains(intruding.notificationId.toString()), TIMEOUT);
        assertEquals(city.incidentId.toString(), dead.key());
        assertEquals(
                0, Rows.count(db, "SELECT 1 FROM notification WHERE notification_id = ?", intruding.notificationId));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM inbox_item WHERE notification_id = ?", intruding.notificationId));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM processed_event WHERE event_id = ?", intruding.eventId));
        assertTrue(Mailbox.withSubjectContaining(intruding.incidentNumber).isEmpty());
    }

    @Test
    void aStoppedChainOrAReusedNotificationIdOfAnotherOrganisationIsRefusedAndChangesNothing() {
        Request city = NotificationRequests.newReport().send();
        Rows.awaitStored(db, city.notificationId, TIMEOUT);

        UUID stop = NotificationRequests.chainStopped(Tokens.GIKAI, city.incidentId, "CLOSED");
        TestKafka.awaitRecord(TestKafka.ESCALATION_DLQ, r -> r.value().contains(stop.toString()), TIMEOUT);
        assertEquals(0, Rows.count(db, "SELECT 1 FROM stopped_chain WHERE incident_id = ?", city.incidentId));

        // The same notification id about another case, now claimed by the council: refused too.
        Request reused = city;
        reused.incidentId = UUID.randomUUID();
        UUID reusedEvent = UUID.randomUUID();
        reused.in(Tokens.GIKAI).sendAs(reusedEvent);
        TestKafka.awaitRecord(TestKafka.ESCALATION_DLQ, r -> r.value().contains(reusedEvent.toString()), TIMEOUT);
        assertEquals(
                Tokens.CITY,
                Rows.single(
                        db, "SELECT organisation FROM notification WHERE notification_id = ?", city.notificationId));
        assertEquals(0, Rows.count(db, "SELECT 1 FROM notification WHERE incident_id = ?", reused.incidentId));
    }

    @Test
    void eventsOfTwoOrganisationsForTheSameUsernameDeliverToTwoDifferentPeople() {
        String username = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // The city's person of this name is reached by webhook; the council's has no settings (mail).
            String path = receiver.newPath();
            given().auth()
                    .oauth2(Tokens.of("seclead", "security-lead"))
                    .contentType("application/json")
                    .body("""
                    {"channels": [{"channel": "WEBHOOK", "format": "GENERIC", "address": "%s", "secret": "%s"}],
                     "digestWindow": "PT1H"}""".formatted(receiver.url(path), SECRET))
                    .when()
                    .put("/api/recipients/" + username + "/delivery")
                    .then()
                    .statusCode(200);

            Request city = NotificationRequests.newReport()
                    .to(username, "デモ市 同名 一郎", username + "@demo-city.example.jp")
                    .send();
            Rows.awaitStatus(db, city.notificationId, "SENT/WEBHOOK", TIMEOUT);
            // Within the city person's digest window: were the two one person, this one would be held.
            Request gikai = NotificationRequests.newReport()
                    .in(Tokens.GIKAI)
                    .to(username, "デモ市議会 同名 花子", username + "@demo-gikai.example.jp")
                    .send();
            Rows.awaitStatus(db, gikai.notificationId, "SENT/MAIL", TIMEOUT);

            Mailbox.ReceivedMail mail = Mailbox.awaitMail(gikai.incidentNumber, TIMEOUT);
            assertEquals(List.of(username + "@demo-gikai.example.jp"), mail.to());
            assertTrue(Mailbox.withSubjectContaining(city.incidentNumber).isEmpty(), "the city's went by webhook");
            assertEquals(1, receiver.at(path).size(), "the council's notice never reached the city's webhook");
            assertTrue(receiver.at(path).get(0).text().contains(city.incidentNumber));
            assertEquals(
                    Tokens.GIKAI,
                    NotificationEventsOnKafka.parse(NotificationEventsOnKafka.await(
                                            "NotificationDelivered", gikai.notificationId, TIMEOUT)
                                    .value())
                            .get("organisation")
                            .asText());

            // Two inboxes: each person sees their own item only, and cannot mark the other's read.
            String cityToken = Tokens.of(username, "staff");
            String gikaiToken = Tokens.in(Tokens.GIKAI, username, "staff");
            given().auth()
                    .oauth2(cityToken)
                    .when()
                    .get("/api/inbox")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].incidentNumber", is(city.incidentNumber));
            long gikaiItem = Long.parseLong(given().auth()
                    .oauth2(gikaiToken)
                    .when()
                    .get("/api/inbox")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].incidentNumber", is(gikai.incidentNumber))
                    .extract()
                    .path("[0].id")
                    .toString());
            given().auth()
                    .oauth2(cityToken)
                    .when()
                    .post("/api/inbox/" + gikaiItem + "/read")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(Tokens.installationAdmin())
                    .when()
                    .get("/api/inbox")
                    .then()
                    .statusCode(403);

            // Two sets of settings: the council's security lead sees none of the city's webhook.
            given().auth()
                    .oauth2(Tokens.in(Tokens.GIKAI, "gikai-seclead", "security-lead"))
                    .when()
                    .get("/api/recipients/" + username + "/delivery")
                    .then()
                    .statusCode(200)
                    .body("channels", hasSize(0))
                    .body("digestWindow", nullValue());

            // The city's acknowledgement link is the city person's: their namesake of the council, logged in,
            // is refused and nothing is recorded.
            String link =
                    Rows.single(db, "SELECT ack_link FROM notification WHERE notification_id = ?", city.notificationId);
            String token = link.substring(link.indexOf("/ack/") + "/ack/".length());
            given().auth()
                    .oauth2(gikaiToken)
                    .when()
                    .post("/ack/" + token)
                    .then()
                    .statusCode(403);
            assertEquals(
                    0, Rows.count(db, "SELECT 1 FROM ack_link_use WHERE notification_id = ?", city.notificationId));
            assertNotEquals(
                    Rows.single(db, "SELECT id FROM inbox_item WHERE notification_id = ?", city.notificationId),
                    Long.toString(gikaiItem));
        }
    }
}
