package jp.horenso.incident.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.horenso.localstack.testing.EventSchemas;

/**
 * Onboards organisations as escalation-service does: {@code OrganisationOnboarded} on the escalation topic of the
 * real broker (subject and key = the organisation code), before the organisation's DirectoryPublished.
 */
public final class Organisations {

    /** デモ市 (HELPERS.md: prefix DEMO, scheme KANUMA). */
    public static final String DEMO_CITY_DATA = """
            {"organisation":"demo-city","name":{"ja":"デモ市","en":"Demo City"},"caseNumberPrefix":"DEMO",
             "classificationScheme":"KANUMA",
             "contact":{"ja":"デモ市 情報政策課 CSIRT　電話 0289-00-0000　csirt@demo-city.example.jp",
                        "en":"Demo City, Information Policy Section (CSIRT), phone 0289-00-0000, csirt@demo-city.example.jp"},
             "publicContacts":["0289-00-0000","〒322-0000 デモ市中央町1番1号","csirt@demo-city.example.jp"],
             "onboardedBy":"seed"}""";

    /** デモ市議会 (HELPERS.md: prefix GIKAI, scheme KANUMA). */
    public static final String DEMO_GIKAI_DATA = """
            {"organisation":"demo-gikai","name":{"ja":"デモ市議会","en":"Demo City Council"},"caseNumberPrefix":"GIKAI",
             "classificationScheme":"KANUMA",
             "contact":{"ja":"デモ市議会事務局 総務課　電話 0289-00-1111　gikai@demo-gikai.example.jp",
                        "en":"Demo City Council Secretariat, General Affairs Section, phone 0289-00-1111"},
             "publicContacts":["0289-00-1111","gikai@demo-gikai.example.jp"],
             "onboardedBy":"horenso-admin"}""";

    /** The units of デモ市議会 (HELPERS.md). */
    public static final String DEMO_GIKAI_UNITS = """
            [{"code":"gikai-secretariat","kind":"DEPARTMENT","parent":null,"name":{"ja":"議会事務局","en":"Council Secretariat"}},
             {"code":"gikai-general","kind":"SECTION","parent":"gikai-secretariat","name":{"ja":"総務課","en":"General Affairs Section"}},
             {"code":"gikai-research","kind":"SECTION","parent":"gikai-secretariat","name":{"ja":"議事調査課","en":"Proceedings and Research Section"}}]""";

    private static final Path SCHEME = Path.of("../docs/events/schemas/OrganisationOnboarded.schema.json");

    private Organisations() {}

    /** An OrganisationOnboarded event claiming {@code claimed} in its envelope, about {@code subject}. */
    public static String event(UUID id, String claimed, String subject, OffsetDateTime time, String data) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service",
                 "type":"jp.horenso.OrganisationOnboarded","time":"%s","subject":"%s","organisation":"%s",
                 "datacontenttype":"application/json","data":%s}""".formatted(id, time, subject, claimed, data);
        // The contract is escalation-service's (docs/events/schemas); checked once it is there.
        if (Files.exists(SCHEME)) {
            EventSchemas.assertValid("OrganisationOnboarded", event);
        }
        return event;
    }

    /** Sends the onboarding of {@code organisation} with {@code data} on the real broker (not waiting). */
    public static void send(String organisation, String data) {
        KafkaTopics.send(
                Directories.ESCALATION_EVENTS,
                organisation,
                event(UUID.randomUUID(), organisation, organisation, OffsetDateTime.now(ZoneOffset.UTC), data));
    }

    /**
     * Onboards a test organisation {@code code} (its own prefix, scheme KANUMA) through the broker and waits until its
     * profile is held, so that its people can file cases.
     */
    public static void onboard(String code) {
        String prefix = "T"
                + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36)
                        .toUpperCase()
                        .substring(0, 8);
        send(code, """
                {"organisation":"%s","name":{"ja":"テスト組織 %s","en":"Test organisation %s"},"caseNumberPrefix":"%s",
                 "classificationScheme":"KANUMA","contact":{"ja":"総務課","en":"General Affairs"},
                 "publicContacts":[],"onboardedBy":"seed"}""".formatted(code, code, code, prefix));
        String token = Tokens.tokenIn(code, "onboarding-check", null, null, "csirt");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/organisation")
                        .then()
                        .statusCode(200));
    }

    /** Onboards デモ市議会 and publishes its directory through the broker, and waits until both are applied. */
    public static void onboardDemoGikai() {
        send("demo-gikai", DEMO_GIKAI_DATA);
        String token = Tokens.gikaiCsirt();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/organisation")
                        .then()
                        .statusCode(200)
                        .body("caseNumberPrefix", equalTo("GIKAI")));
        KafkaTopics.send(
                Directories.ESCALATION_EVENTS,
                "demo-gikai",
                Directories.event(
                        UUID.randomUUID(), "demo-gikai", OffsetDateTime.now(ZoneOffset.UTC), DEMO_GIKAI_UNITS));
        Directories.awaitUnits(token, 3);
    }
}
