package jp.horenso.notification.recipient.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.UUID;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class RecipientResourceTest {

    private static final String SECRET = "a-generic-webhook-secret-0123456789abc";

    @Test
    @TestSecurity(user = "seclead", roles = "security-lead")
    void securityLeadSetsChannelsInFailoverOrderAndTheSecretIsNeverShownAgain() {
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
    @TestSecurity(user = "seclead", roles = "security-lead")
    void invalidSettingsAreRefusedFieldByFieldInJapaneseOrEnglish() {
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
    @TestSecurity(user = "csirt1", roles = "csirt")
    void csirtReadsSettingsButMayNotChangeThemAndTheCisoIsNeverGrouped() {
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
    @TestSecurity(user = "staff1", roles = "staff")
    void staffMayNeitherReadNorChangeSettings() {
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
