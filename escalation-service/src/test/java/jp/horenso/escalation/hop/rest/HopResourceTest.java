package jp.horenso.escalation.hop.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class HopResourceTest {

    private static final String HOPS = "/api/incidents/{incidentId}/hops";

    @Test
    void callerWithoutIdentityIsUnauthorized() {
        given().when().get(HOPS, UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    @TestSecurity(
            user = "staff1",
            roles = "staff",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void staffMayNotReadHops() {
        given().when().get(HOPS, UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    @TestSecurity(
            user = "csirt1",
            roles = "csirt",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void csirtReadsTheHopsOfACase() {
        UUID incident = reportedCase();

        given().when()
                .get(HOPS, incident)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].step", equalTo("SECTION_CHIEF"))
                .body("[0].chainStep", equalTo("section-chief"))
                .body("[0].recipient.username", equalTo("chief1"))
                .body("[0].recipient.email", equalTo("chief1@demo-city.example.jp"))
                .body("[0].ackDeadline", notNullValue())
                .body("[0].late", equalTo(false));
    }

    @Test
    @TestSecurity(
            user = "csirt1",
            roles = "csirt",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void unknownCaseIsNotFoundAsProblemInTheCallersLanguage() {
        UUID unknown = UUID.randomUUID();
        given().when()
                .get(HOPS, unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("見つかりません"))
                .body("detail", containsString(unknown.toString()));
        given().header("Accept-Language", "en")
                .when()
                .get(HOPS, unknown)
                .then()
                .statusCode(404)
                .body("title", equalTo("Not found"));
    }

    @Test
    @TestSecurity(
            user = "auditor",
            roles = "auditor",
            attributes = @SecurityAttribute(key = "organisation", value = "other-city"))
    void caseOfAnotherOrganisationIsNotFound() {
        UUID incident = reportedCase();

        given().when().get(HOPS, incident).then().statusCode(404);
    }

    private static UUID reportedCase() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        EscalationEventLog.get().await(incident, "HopOpened", 1);
        return incident;
    }
}
