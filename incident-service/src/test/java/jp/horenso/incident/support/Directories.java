package jp.horenso.incident.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.horenso.localstack.testing.EventSchemas;

/** Publishes an organisation's directory on the escalation topic, as escalation-service does, and waits for it. */
public final class Directories {

    public static final String ESCALATION_EVENTS = "horenso.escalation-events";

    /** The demo city's units, as in escalation-service's seed (seed/demo-city.yaml). */
    public static final String DEMO_CITY_UNITS = """
            [{"code":"general-affairs","kind":"DEPARTMENT","parent":null,"name":{"ja":"総務部","en":"General Affairs Department"}},
             {"code":"general-affairs-section","kind":"SECTION","parent":"general-affairs","name":{"ja":"総務課","en":"General Affairs Section"}},
             {"code":"information-policy","kind":"SECTION","parent":"general-affairs","name":{"ja":"情報政策課","en":"Information Policy Section"}},
             {"code":"welfare","kind":"DEPARTMENT","parent":null,"name":{"ja":"福祉部","en":"Welfare Department"}},
             {"code":"welfare-section","kind":"SECTION","parent":"welfare","name":{"ja":"福祉課","en":"Welfare Section"}}]""";

    private Directories() {}

    /** A DirectoryPublished event (checked against its schema). */
    public static String event(UUID id, String organisation, OffsetDateTime publishedAt, String units) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service",
                 "type":"jp.horenso.DirectoryPublished","time":"%s","subject":"%s","organisation":"%s",
                 "datacontenttype":"application/json","data":{"organisation":"%s",
                 "name":{"ja":"デモ市","en":"Demo City"},"publishedAt":"%s","units":%s}}""".formatted(id, publishedAt, organisation, organisation, organisation, publishedAt, units);
        EventSchemas.assertValid("DirectoryPublished", event);
        return event;
    }

    /** Publishes the demo city's directory and waits until GET /api/units shows it. */
    public static void publishDemoCity() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        KafkaTopics.send(ESCALATION_EVENTS, "demo-city", event(UUID.randomUUID(), "demo-city", now, DEMO_CITY_UNITS));
        awaitUnits(Tokens.staff1(), 5);
    }

    /** Waits until the caller's organisation lists {@code count} units. */
    public static void awaitUnits(String token, int count) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/units")
                        .then()
                        .statusCode(200)
                        .body("units.size()", equalTo(count)));
    }
}
