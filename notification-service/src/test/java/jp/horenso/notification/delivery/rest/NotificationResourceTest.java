package jp.horenso.notification.delivery.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class NotificationResourceTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    @Test
    void csirtReadsTheDeliveryLogOfACaseWithItsAttempts() {
        Tokens.actAs("csirt1", "csirt");
        Request request = NotificationRequests.newReport().send();

        awaitStatus(request, "SENT")
                .body("", hasSize(1))
                .body("[0].notificationId", is(request.notificationId.toString()))
                .body("[0].incidentNumber", is(request.incidentNumber))
                .body("[0].kind", is("NEW_REPORT"))
                .body("[0].channel", is("MAIL"))
                .body("[0].recipient.username", is("chief1"))
                .body("[0].recipient.email", is("chief1@demo-city.example.jp"))
                .body("[0].sentAt", notNullValue())
                .body("[0].attempts", hasSize(1))
                .body("[0].attempts[0].number", is(1))
                .body("[0].attempts[0].outcome", is("SENT"));
    }

    @Test
    void staffMayNotReadTheDeliveryLog() {
        Tokens.actAs("staff1", "staff");
        given().queryParam("incidentId", UUID.randomUUID().toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(403);
    }

    @Test
    void auditorReadsAnEmptyDeliveryLogOfACaseWithoutNotifications() {
        Tokens.actAs("auditor", "auditor");
        given().queryParam("incidentId", UUID.randomUUID().toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void callerWithoutIdentityIsUnauthorized() {
        given().queryParam("incidentId", UUID.randomUUID().toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(401);
    }

    @Test
    void missingIncidentIdIsABadRequestProblemInJapaneseOrEnglish() {
        Tokens.actAs("csirt1", "csirt");
        given().when()
                .get("/api/notifications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", is("リクエストの項目に誤りがあります"))
                .body("errors[0].field", is("incidentId"))
                .body("errors[0].message", is("どのインシデントの配信記録かを incidentId で指定してください。"));
        given().header("Accept-Language", "en")
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(400)
                .body("title", is("The request has invalid fields"))
                .body("errors[0].message", is("Name the incident whose delivery log you want with incidentId."));
    }

    private static ValidatableResponse awaitStatus(Request request, String status) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            ValidatableResponse response = given().queryParam("incidentId", request.incidentId.toString())
                    .when()
                    .get("/api/notifications")
                    .then()
                    .statusCode(200);
            String current = response.extract().path("[0].status");
            if (status.equals(current) || Instant.now().isAfter(end)) {
                return response.body("[0].status", is(status));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
