package jp.horenso.notification.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

/** What the REST fuzzer ({@link RestFuzzTest}) found here, kept as named behaviour (issue 14, docs/reliability.md). */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class FuzzFindingsTest {

    /** Was 200 with every item: JAX-RS read "yes please" or "2" as false. */
    @Test
    void anUnreadFilterThatIsNeitherTrueNorFalseIsRefused() {
        String token = Tokens.of("staff1", "staff");
        for (String value : new String[] {"yes please", "2", "TRUE1"}) {
            Response response =
                    given().auth().oauth2(token).queryParam("unread", value).get("/api/inbox");
            assertEquals(400, response.statusCode(), value + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        }
        given().auth()
                .oauth2(token)
                .queryParam("unread", "true")
                .get("/api/inbox")
                .then()
                .statusCode(200);
        given().auth().oauth2(token).get("/api/inbox").then().statusCode(200);
        // An empty value is no value, as for every query parameter.
        given().auth()
                .oauth2(token)
                .queryParam("unread", "")
                .get("/api/inbox")
                .then()
                .statusCode(200);
    }
}
