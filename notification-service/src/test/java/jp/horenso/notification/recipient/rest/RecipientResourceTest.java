package jp.horenso.notification.recipient.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class RecipientResourceTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    @Inject
    DataSource db;

    private static final String SECRET = "a-generic-webhook-secret-0123456789abc";

    @Test
    void securityLeadSetsChannelsInFailoverOrderAndTheSecretIsNeverShownAgain() {
        Tokens.actAs("seclead", "security-lead");
        String username = someone();
        given().contentType("application/json")
                .body("""
                {"channels": [
                   {"channel": "WEBHOOK", "format": "GENERIC", "address": "https://hooks.demo-city.example.jp/h", "secret": "%s"},
                   {"channel": "WEBHOOK", "format": "TEAMS", "address": "https://teams.example.com/webhook/abc"},
                   {"channel": "MAIL", "address": "mobile@demo-city.example.jp"}],
                 "digestWindow": "PT10M"}""".formatted(SECRET))
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("username", is(username))
                .body("channels", hasSize(3))
                .body("channels.position", contains(0, 1, 2))
                .body("channels[0].format", is("GENERIC"))
                .body("channels[0].secretSet", is(true))
                .body("channels[1].secretSet", is(false))
                .body("channels[2].address", is("mobile@demo-city.example.jp"))
                .body("digestWindow", is("PT10M"))
                .body("neverGrouped", is(false))
                .body(not(containsString(SECRET)));

        given().when()
                .get("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels.channel", contains("WEBHOOK", "WEBHOOK", "MAIL"))
                .body(not(containsString(SECRET)));

        // Replacing with nothing goes back to mail to the directory's address, without digest.
        given().contentType("application/json")
                .body("{\"channels\": []}")
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels", hasSize(0))
                .body("digestWindow", nullValue());
    }

    @Test
    void webhookUrlsAreShownMaskedAndSendingTheMaskBackKeepsTheUrlAndItsSecret() {
        Tokens.actAs("seclead", "security-lead");
        String username = someone();
        String url = "https://hooks.demo-city.example.jp/services/T0001/B0002/tokenTOKENtoken9xYz";
        String slack = "https://hooks.slack.example.com/services/T9/B9/slackSLACKslackAbCd";
        String masked = "https://hooks.demo-city.example.jp/…9xYz";
        String maskedSlack = "https://hooks.slack.example.com/…AbCd";
        given().contentType("application/json")
                .body("""
                {"channels": [
                   {"channel": "WEBHOOK", "format": "GENERIC", "address": "%s", "secret": "%s"},
                   {"channel": "WEBHOOK", "format": "SLACK", "address": "%s"},
                   {"channel": "MAIL", "address": "mobile@demo-city.example.jp"}]}""".formatted(url, SECRET, slack))
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels.address", contains(masked, maskedSlack, "mobile@demo-city.example.jp"))
                .body(not(containsString("tokenTOKEN")), not(containsString("slackSLACK")));
        given().when()
                .get("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels.address", contains(masked, maskedSlack, "mobile@demo-city.example.jp"))
                .body(not(containsString("tokenTOKEN")), not(containsString("slackSLACK")));

        // What GET showed, sent back in another order and without the secret: both webhooks unchanged.
        given().contentType("application/json")
                .body("""
                {"channels": [
                   {"channel": "WEBHOOK", "format": "SLACK", "address": "%s"},
                   {"channel": "WEBHOOK", "format": "GENERIC", "address": "%s"}]}""".formatted(maskedSlack, masked))
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(200)
                .body("channels.address", contains(maskedSlack, masked))
                .body("channels[1].secretSet", is(true));
        assertEquals(List.of(slack + " null", url + " " + SECRET), stored(username));

        // A mask that matches no stored webhook is refused, naming the field; nothing changes.
        given().contentType("application/json")
                .body("""
                {"channels": [{"channel": "WEBHOOK", "format": "SLACK", "address": "https://hooks.slack.example.com/…zzzz"}]}""")
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("channels[0].address"))
                .body("errors[0].message", containsString("伏せ字"));
        // A new URL does not inherit the stored secret: GENERIC needs its own.
        given().contentType("application/json")
                .body("""
                {"channels": [{"channel": "WEBHOOK", "format": "GENERIC", "address": "https://other.demo-city.example.jp/h"}]}""")
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(400)
                .body("errors.field", contains("channels[0].secret"));
        assertEquals(List.of(slack + " null", url + " " + SECRET), stored(username));
    }

    private List<String> stored(String username) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT address, secret FROM recipient_channel WHERE username = ? ORDER BY position")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void invalidSettingsAreRefusedFieldByFieldInJapaneseOrEnglish() {
        Tokens.actAs("seclead", "security-lead");
        String body = """
                {"channels": [
                   {"channel": "WEBHOOK", "format": "GENERIC", "address": "https://hooks.example.jp/h"},
                   {"channel": "WEBHOOK", "format": "SLACK", "address": "ftp://files.example.jp/"},
                   {"channel": "INBOX"},
                   {"channel": "MAIL", "address": "not-an-address"}],
                 "digestWindow": "PT2H"}""";
        given().contentType("application/json")
                .body(body)
                .when()
                .put("/api/recipients/" + someone() + "/delivery")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", is("リクエストの項目に誤りがあります"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "channels[0].secret",
                                "channels[1].address",
                                "channels[2].channel",
                                "channels[3].address",
                                "digestWindow"));
        given().contentType("application/json")
                .header("Accept-Language", "en")
                .body(body)
                .when()
                .put("/api/recipients/" + someone() + "/delivery")
                .then()
                .statusCode(400)
                .body("title", is("The request has invalid fields"));
    }

    @Test
    void csirtReadsSettingsButMayNotChangeThemAndTheCisoIsNeverGrouped() {
        Tokens.actAs("csirt1", "csirt");
        given().when()
                .get("/api/recipients/ciso/delivery")
                .then()
                .statusCode(200)
                .body("neverGrouped", is(true));
        given().contentType("application/json")
                .body("{\"channels\": []}")
                .when()
                .put("/api/recipients/ciso/delivery")
                .then()
                .statusCode(403);
    }

    @Test
    void staffMayNeitherReadNorChangeSettings() {
        Tokens.actAs("staff1", "staff");
        given().when().get("/api/recipients/staff1/delivery").then().statusCode(403);
        given().contentType("application/json")
                .body("{\"channels\": []}")
                .when()
                .put("/api/recipients/staff1/delivery")
                .then()
                .statusCode(403);
    }

    @Test
    void callerWithoutIdentityIsUnauthorized() {
        given().when().get("/api/recipients/staff1/delivery").then().statusCode(401);
    }

    private static String someone() {
        return "settings-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
