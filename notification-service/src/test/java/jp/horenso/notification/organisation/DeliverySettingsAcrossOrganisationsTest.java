package jp.horenso.notification.organisation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery settings are an organisation's own (issue 12): one organisation's security lead can neither see nor change
 * how another organisation's people are reached — least of all point the CISO's acknowledgement links at their own
 * webhook — and every change is written to the changing organisation's administrative trail, without the URL.
 * Real PostgreSQL, Kafka, SMTP and signed tokens.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DeliverySettingsAcrossOrganisationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    @AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    @Test
    void gikaiSecurityLeadChangingTheCityCisosDeliveryIsNotFoundAndNothingEverReachesTheIntruder() {
        // The city's CISO, known to this service from a notice of the city's chain (the CISO step).
        String ciso = "city-ciso-" + UUID.randomUUID().toString().substring(0, 8);
        Request first = NotificationRequests.newReport()
                .escalation()
                .step("CISO")
                .to(ciso, "デモ市 CISO", ciso + "@demo-city.example.jp")
                .send();
        Mailbox.awaitMail(first.incidentNumber, TIMEOUT);
        String gikaiLead = Tokens.in(Tokens.GIKAI, "gikai-seclead", "security-lead");
        long trailBefore = trailEntries(Tokens.GIKAI);

        try (WebhookReceiver intruder = WebhookReceiver.start()) {
            String path = intruder.newPath();
            given().auth()
                    .oauth2(gikaiLead)
                    .when()
                    .get("/api/recipients/" + ciso + "/delivery")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", is("あなたの組織にこの利用者はいません。"));
            given().auth()
                    .oauth2(gikaiLead)
                    .contentType("application/json")
                    .body("""
                    {"channels": [{"channel": "WEBHOOK", "format": "TEAMS", "address": "%s"},
                                  {"channel": "MAIL", "address": "gikai-seclead@demo-gikai.example.jp"}]}""".formatted(intruder.url(path)))
                    .when()
                    .put("/api/recipients/" + ciso + "/delivery")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");

            // Nothing changed: no channel, no setting, no trail entry — in any organisation.
            assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_channel WHERE username = ?", ciso));
            assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_setting WHERE username = ?", ciso));
            assertEquals(trailBefore, trailEntries(Tokens.GIKAI));

            // The CISO's next hop notice goes where the city says (mail to the CISO, with the acknowledgement link)
            // and never to the intruder's webhook or mailbox.
            Request next = NotificationRequests.newReport()
                    .escalation()
                    .step("CISO")
                    .sameCaseAs(first)
                    .to(ciso, "デモ市 CISO", ciso + "@demo-city.example.jp")
                    .send();
            Mailbox.ReceivedMail mail = Mailbox.awaitMail(next.incidentNumber, TIMEOUT);
            assertEquals(List.of(ciso + "@demo-city.example.jp"), mail.to());
            assertTrue(mail.body().contains("/ack/"), "the CISO's own mail carries the link");
            Rows.awaitStatus(db, next.notificationId, "SENT/MAIL", TIMEOUT);
            assertTrue(intruder.at(path).isEmpty(), "nothing was posted to the intruder's webhook");
            for (Request sent : List.of(first, next)) {
                assertEquals(
                        List.of(List.of(ciso + "@demo-city.example.jp")),
                        Mailbox.withSubjectContaining(sent.incidentNumber).stream()
                                .map(Mailbox.ReceivedMail::to)
                                .toList(),
                        "the CISO's notices went to the CISO alone");
            }
        }

        // The city's own security lead still sees and manages the CISO.
        given().auth()
                .oauth2(Tokens.of("seclead", "security-lead"))
                .when()
                .get("/api/recipients/" + ciso + "/delivery")
                .then()
                .statusCode(200)
                .body("channels", hasSize(0));
    }

    @Test
    void aChangeIsInItsOrganisationsAdminTrailOnlyWithoutTheWebhookUrlAndTheTrailStaysIntact() throws Exception {
        String person = "trail-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "https://hooks.demo-city.example.jp/workflows/secretTOKENsecret" + person;
        String cityLead = Tokens.of("seclead", "security-lead");
        given().auth()
                .oauth2(cityLead)
                .contentType("application/json")
                .body("""
                {"channels": [{"channel": "WEBHOOK", "format": "TEAMS", "address": "%s"}, {"channel": "MAIL"}],
                 "digestWindow": "PT5M"}""".formatted(url))
                .when()
                .put("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(200);

        List<JsonNode> city = entriesAbout(Tokens.CITY, person);
        assertEquals(1, city.size(), city.toString());
        JsonNode entry = city.get(0);
        assertEquals("DELIVERY_SETTINGS_CHANGED", entry.get("action").asText());
        assertEquals("seclead", entry.get("actor").asText());
        assertEquals("demo-city", entry.get("organisation").asText());
        JsonNode detail = JSON.readTree(entry.get("detail").asText());
        assertEquals("[\"WEBHOOK/TEAMS\",\"MAIL\"]", detail.get("routeAfter").toString());
        assertEquals("PT5M", detail.get("digestWindowAfter").asText());
        assertEquals("ADDED", detail.at("/changes/0/change").asText());
        String text = entry.toString();
        assertFalse(text.contains("hooks.demo-city.example.jp"), text);
        assertFalse(text.contains("secretTOKENsecret"), text);
        assertFalse(text.contains("…"), "not even masked: " + text);

        // A second change names what changed at which position; saving the same again records nothing.
        given().auth()
                .oauth2(cityLead)
                .contentType("application/json")
                .body("{\"channels\": [{\"channel\": \"MAIL\"}], \"digestWindow\": \"PT5M\"}")
                .when()
                .put("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(cityLead)
                .contentType("application/json")
                .body("{\"channels\": [{\"channel\": \"MAIL\"}], \"digestWindow\": \"PT5M\"}")
                .when()
                .put("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(200);
        city = entriesAbout(Tokens.CITY, person);
        assertEquals(2, city.size(), city.toString());
        JsonNode second = JSON.readTree(city.get(0).get("detail").asText());
        assertEquals("REPLACED", second.at("/changes/0/change").asText());
        assertEquals("WEBHOOK/TEAMS", second.at("/changes/0/before").asText());
        assertEquals("MAIL", second.at("/changes/0/after").asText());
        assertEquals("REMOVED", second.at("/changes/1/change").asText());

        assertTrue(entriesAbout(Tokens.GIKAI, person).isEmpty(), "the council's trail does not hold it");
        for (String organisation : List.of(Tokens.CITY, Tokens.GIKAI)) {
            given().auth()
                    .oauth2(Tokens.in(organisation, "lead-" + organisation, "security-lead"))
                    .when()
                    .get("/api/admin-trail/verify")
                    .then()
                    .statusCode(200)
                    .body("intact", is(true))
                    .body("organisation", is(organisation));
        }
    }

    @Test
    void theInstallationAdministratorAndTokensWithoutOrganisationOrAudienceAreRefused() {
        String person = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"channels\": [{\"channel\": \"MAIL\"}]}";
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .when()
                .get("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .contentType("application/json")
                .body(body)
                .when()
                .put("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.in(null, "seclead", "security-lead"))
                .contentType("application/json")
                .body(body)
                .when()
                .put("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("組織"));
        given().auth()
                .oauth2(Tokens.withAudience("account", "seclead", "security-lead"))
                .when()
                .get("/api/recipients/" + person + "/delivery")
                .then()
                .statusCode(401);
        assertEquals(0, Rows.count(db, "SELECT 1 FROM recipient_setting WHERE username = ?", person));
        // The installation administrator reads a named organisation's trail (the platform's one exception).
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .queryParam("organisation", Tokens.CITY)
                .when()
                .get("/api/admin-trail/verify")
                .then()
                .statusCode(200)
                .body("organisation", is(Tokens.CITY));
    }

    private long trailEntries(String organisation) {
        return Rows.count(db, "SELECT 1 FROM admin_trail_entry WHERE organisation = ?", organisation);
    }

    /** The organisation's trail entries about {@code subject}, newest first, as its security lead reads them. */
    private static List<JsonNode> entriesAbout(String organisation, String subject) throws Exception {
        String json = given().auth()
                .oauth2(Tokens.in(organisation, "lead-" + organisation, "security-lead"))
                .queryParam("limit", 1000)
                .when()
                .get("/api/admin-trail")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(json)) {
            if (subject.equals(entry.get("subject").asText())) {
                found.add(entry);
            }
        }
        return found;
    }
}
