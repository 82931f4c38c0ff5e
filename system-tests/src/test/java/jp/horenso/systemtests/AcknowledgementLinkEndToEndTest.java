package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.localstack.MailCatcher.CaughtMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The section chief acknowledges with the one-click link in the real mail: opening the link changes nothing, the
 * button acknowledges once, the case's timeline shows the acknowledgement came from the link, the chain stops the
 * hop's clock, and the same link cannot be used twice.
 */
@ExtendWith(SystemUnderTest.class)
class AcknowledgementLinkEndToEndTest {

    private static final Pattern ACK_LINK = Pattern.compile("(https?://\\S+/ack/[A-Za-z0-9._~-]+)");

    private static RunningSystem system;
    private static DemoRealm realm;

    @BeforeAll
    static void connect(RunningSystem running) {
        system = running;
        system.stack();
        realm = new DemoRealm(running.keycloak());
    }

    @Test
    void sectionChiefAcknowledgesWithTheLinkInTheMailOnce() {
        String staff2 = realm.accessToken("staff2");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Response created = given().auth()
                .oauth2(staff2)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "窓口で書類を誤交付 / Papers handed to the wrong person",
                        "description",
                        "システムテストによる報告です。 / Filed by the system tests.",
                        "occurredAt",
                        now.minusHours(1).toString(),
                        "discoveredAt",
                        now.minusMinutes(5).toString(),
                        "reporterType",
                        "STAFF"))
                .post(system.incidentUrl() + "/api/incidents");
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        String number = created.jsonPath().getString("number");

        CaughtMail mail = await("mail with a link to chief2 about " + number)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> system.mail().messagesTo(DemoRealm.mailOf("chief2")).stream()
                                .filter(m -> m.subject() != null && m.subject().contains(number))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        Matcher link = ACK_LINK.matcher(mail.body());
        assertTrue(link.find(), "the mail carries an acknowledgement link: " + mail.body());
        String url = link.group(1);

        // Opening the link (as a mail scanner would) only shows the confirmation page.
        String page = given().redirects()
                .follow(false)
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(page.contains("受領") || page.contains("確認"), "a Japanese confirmation page: " + page);
        assertTrue(types(staff2, id).stream().noneMatch("ACKNOWLEDGED"::equals), "opening the link acknowledged");

        int status = given().redirects().follow(false).post(url).statusCode();
        assertTrue(status >= 200 && status < 400, "the button acknowledges: HTTP " + status);

        List<Map<String, Object>> timeline = await("timeline of " + number + " shows the link acknowledgement")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> timeline(staff2, id),
                        t -> types(t).containsAll(List.of("ACKNOWLEDGED", "HOP_ACKNOWLEDGED")));
        Map<String, Object> acknowledged = timeline.stream()
                .filter(e -> "ACKNOWLEDGED".equals(e.get("type")))
                .findFirst()
                .orElseThrow();
        assertEquals("chief2", acknowledged.get("actor"));
        assertEquals("LINK", ((Map<?, ?>) acknowledged.get("details")).get("via"));

        // A second use of the same link is refused and changes nothing.
        given().redirects().follow(false).post(url).then().statusCode(409);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> types(staff2, id).stream()
                                .filter("ACKNOWLEDGED"::equals)
                                .count()
                        == 1);
    }

    private static List<Map<String, Object>> timeline(String token, String id) {
        return given().auth()
                .oauth2(token)
                .get(system.incidentUrl() + "/api/incidents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("timeline");
    }

    private static List<String> types(String token, String id) {
        return types(timeline(token, id));
    }

    private static List<String> types(List<Map<String, Object>> timeline) {
        return timeline.stream().map(e -> String.valueOf(e.get("type"))).toList();
    }
}
