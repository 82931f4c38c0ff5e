package jp.horenso.escalation.onboarding.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.OnboardingBundles;
import jp.horenso.localstack.testing.EventSchemas;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Onboarding an organisation at runtime (issue 12) from one bundle, by the installation administrator: a dry run
 * stores nothing, a bad bundle is refused naming every problem's line and field, a real one stores everything and
 * publishes OrganisationOnboarded before DirectoryPublished on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class OnboardingTest {

    private static final String ORGANISATIONS = "/api/organisations";
    private static final String YAML = "application/yaml; charset=UTF-8";

    @Inject
    Db db;

    @Inject
    EntityManager entityManager;

    private final EscalationEventLog published = EscalationEventLog.get();

    private static String bundle(String code, String prefix) {
        return OnboardingBundles.town(code, prefix);
    }

    private static String newCode() {
        return "town-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long stored(String table, String code) {
        return db.read(() -> ((Number) entityManager
                        .createNativeQuery("select count(*) from " + table + " where "
                                + ("organisation".equals(table) ? "code" : "organisation") + " = :code")
                        .setParameter("code", code)
                        .getSingleResult())
                .longValue());
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void dryRunStoresNothingAndSaysWhatWouldBeCreated() {
        String code = newCode();
        given().contentType(YAML)
                .body(bundle(code, "TDRY").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dryRun", true)
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(200)
                .body("organisation", equalTo(code))
                .body("dryRun", equalTo(true))
                .body("caseNumberPrefix", equalTo("TDRY"))
                .body("classificationScheme", equalTo("KANUMA"))
                .body("units", equalTo(2))
                .body("people", equalTo(4))
                .body("positions", equalTo(3))
                .body("deputies", equalTo(0))
                .body("chainVersion", equalTo(1))
                .body("chainSteps", equalTo(4))
                .body("outsideBodies", equalTo(1))
                .body("publicContacts", equalTo(2));

        for (String table : List.of("organisation", "unit", "person", "position_assignment", "chain_definition")) {
            assertEquals(0, stored(table, code), table);
        }
        assertEquals(0, stored("admin_trail_entry", code));
        assertEquals(
                0,
                db.read(() -> ((Number) entityManager
                                .createNativeQuery("select count(*) from outbox_event where message_key = :code")
                                .setParameter("code", code)
                                .getSingleResult())
                        .longValue()));
        given().when().get(ORGANISATIONS).then().statusCode(200).body("code", not(hasItem(code)));
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void badBundleIsRefusedWithEveryProblemsLineAndFieldInJapaneseAndEnglish() {
        String code = newCode();
        String bad = bundle(code, "gikai")
                .replace("email: staff@test-town.example.jp", "email: not-an-email")
                .replace("onTimeout: [chair]}", "onTimeout: [chair, nobody]}")
                .replace(
                        "  contact: {ja: 試験町議会事務局 0000-00-0000, en: \"Test Town Council Secretariat, 0000-00-0000\"}\n",
                        "  contact: {ja: 試験町議会事務局 0000-00-0000}\n");

        given().contentType(YAML)
                .header("Accept-Language", "en")
                .body(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Nothing was stored"))
                .body(
                        "errors.field",
                        equalTo(List.of(
                                "organisation.caseNumberPrefix",
                                "organisation.contact.en",
                                "email",
                                "chain.steps[1].onTimeout[1]")))
                .body("errors.line", equalTo(List.of(4, 5, 11, 26)))
                .body("errors[0].message", containsString("Case-number prefix 'gikai'"))
                .body("errors[1].message", equalTo("organisation.contact.en is required."));
        // 日本語 by default, the same problems.
        given().contentType(YAML)
                .body(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(400)
                .body("errors.line", equalTo(List.of(4, 5, 11, 26)))
                .body("errors[0].message", containsString("事案番号の接頭辞 'gikai'"))
                .body("errors[1].message", equalTo("organisation.contact.en は必須です。"));
        assertEquals(0, stored("organisation", code));
        assertEquals(0, stored("person", code));
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void unknownKeyInTheChainIsNamedWithItsLine() {
        String bad = bundle(newCode(), "TKEY")
                .replace("ackWithin: PT1H, onTimeout: [chair]", "ackWithin: PT1H, onTimout: [chair]");
        given().contentType(YAML)
                .header("Accept-Language", "en")
                .body(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("chain.steps[1].onTimout")))
                .body("errors.line", equalTo(List.of(26)))
                .body("errors[0].message", containsString("Unknown key"));
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void onboardingStoresTheOrganisationAndPublishesOrganisationOnboardedBeforeDirectoryPublished() {
        String code = newCode();
        given().contentType(YAML)
                .body(bundle(code, "TOWN" + code.substring(5, 9).toUpperCase())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/organisations/" + code))
                .body("dryRun", equalTo(false))
                .body("people", equalTo(4));

        List<JsonNode> events = awaitOnboarded(code);
        JsonNode onboarded = events.get(0);
        EventSchemas.assertValid("OrganisationOnboarded", onboarded);
        assertEquals(code, onboarded.path("subject").asText());
        assertEquals(code, onboarded.path("organisation").asText());
        assertEquals("試験町議会", onboarded.path("data").path("name").path("ja").asText());
        assertEquals("horenso-admin", onboarded.path("data").path("onboardedBy").asText());
        assertEquals(
                List.of("0000-00-0000", "council@test-town.example.jp"),
                List.of(
                        onboarded.path("data").path("publicContacts").get(0).asText(),
                        onboarded.path("data").path("publicContacts").get(1).asText()));
        assertEquals("jp.horenso.DirectoryPublished", events.get(1).path("type").asText());
        assertEquals(code, events.get(1).path("organisation").asText());

        assertEquals(1, stored("organisation", code));
        assertEquals(2, stored("unit", code));
        assertEquals(4, stored("person", code));
        assertEquals(3, stored("position_assignment", code));
        assertEquals(1, stored("chain_definition", code));
        given().when().get(ORGANISATIONS).then().statusCode(200).body("code", hasItem(code));
        given().queryParam("organisation", code)
                .when()
                .get("/api/admin-trail")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("ORGANISATION_ONBOARDED")))
                .body("[0].actor", equalTo("horenso-admin"));

        // Once only: a second onboarding of the same code is a conflict, nothing changes.
        given().contentType(YAML)
                .body(bundle(code, "TOTHER").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertEquals(1, stored("chain_definition", code));
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void caseNumberPrefixIsEachOrganisationsOwn() {
        given().contentType(YAML)
                .header("Accept-Language", "en")
                .body(bundle(newCode(), "GIKAI").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dryRun", true)
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("organisation.caseNumberPrefix")))
                .body("errors.line", equalTo(List.of(4)))
                .body("errors[0].message", containsString("used by another organisation"));
    }

    @Test
    void seedsAreOnboardedThroughTheSameServiceBySeed() {
        for (String code : List.of("demo-city", "demo-gikai")) {
            List<JsonNode> events = awaitOnboarded(code);
            EventSchemas.assertValid("OrganisationOnboarded", events.get(0));
            assertEquals("seed", events.get(0).path("data").path("onboardedBy").asText());
            assertEquals(
                    "demo-city".equals(code) ? "DEMO" : "GIKAI",
                    events.get(0).path("data").path("caseNumberPrefix").asText());
        }
    }

    @Test
    @TestSecurity(
            user = "gikai-seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-gikai"))
    void aSecurityLeadMayNeitherOnboardNorListOrganisations() {
        given().contentType(YAML)
                .body(bundle(newCode(), "TNOPE").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post(ORGANISATIONS)
                .then()
                .statusCode(403);
        given().when().get(ORGANISATIONS).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void theInstallationAdministratorSeesNoOrganisationsData() {
        for (String path :
                List.of("/api/directory", "/api/chain", "/api/directory/absences", "/api/directory/export")) {
            given().when().get(path).then().statusCode(403);
        }
        given().when()
                .get("/api/incidents/" + UUID.randomUUID() + "/hops")
                .then()
                .statusCode(403);
    }

    /** The organisation's events in the order published: OrganisationOnboarded first, then DirectoryPublished. */
    private List<JsonNode> awaitOnboarded(String code) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> published.ofSubject(code, "DirectoryPublished").size() >= 1
                        && published.ofSubject(code, "OrganisationOnboarded").size() == 1);
        List<JsonNode> all = published.allOfSubject(code);
        assertEquals("jp.horenso.OrganisationOnboarded", all.get(0).path("type").asText(), "first of " + code);
        assertTrue(all.size() >= 2);
        return all;
    }
}
