package jp.horenso.escalation.hop.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** 重大 (第43条3項): the department head or the security lead marks a case serious; the CISO is told. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class SeriousResourceTest {

    private static final String SERIOUS = "/api/incidents/{incidentId}/serious";

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    @TestSecurity(
            user = "head1",
            roles = "department-head",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-city"),
                @SecurityAttribute(key = "department", value = "general-affairs")
            })
    void article43_3_departmentHeadMarksCaseSeriousAndTheCisoIsTold() {
        UUID incident = generalAffairsCase();

        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "住民情報の流出の可能性"))
                .when()
                .post(SERIOUS, incident)
                .then()
                .statusCode(200)
                .body("markedSeriousBy", equalTo("head1"))
                .body("opened", hasSize(1))
                .body("opened[0].step", equalTo("CISO"))
                .body("opened[0].recipient", equalTo("ciso"));

        JsonNode marked =
                published.await(incident, "IncidentMarkedSerious", 1).get(0).path("data");
        assertEquals("head1", marked.path("markedBy").asText());
        assertEquals("住民情報の流出の可能性", marked.path("reason").asText());
        JsonNode ciso = published.await(incident, "HopOpened", 2).stream()
                .filter(e -> e.path("data").path("step").asText().equals("CISO"))
                .findFirst()
                .orElseThrow();
        assertEquals("MARKED_SERIOUS", ciso.path("data").path("trigger").asText());

        // Marked again: the first marking stays, nobody is told twice.
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "again"))
                .when()
                .post(SERIOUS, incident)
                .then()
                .statusCode(200)
                .body("markedSeriousBy", equalTo("head1"))
                .body("reason", equalTo("住民情報の流出の可能性"))
                .body("opened", empty());
    }

    @Test
    @TestSecurity(
            user = "seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-city"),
                @SecurityAttribute(key = "department", value = "general-affairs")
            })
    void article43_3_securityLeadMarksACaseOfAnyDepartmentSerious() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(
                IncidentEvents.reported(incident, "staff2", "welfare-section", "welfare", List.of("staff"), false));
        published.await(incident, "HopOpened", 1);

        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(SERIOUS, incident)
                .then()
                .statusCode(200)
                .body("markedSeriousBy", equalTo("seclead"))
                .body("opened[0].recipient", equalTo("ciso"));
    }

    @Test
    @TestSecurity(
            user = "head2",
            roles = "department-head",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-city"),
                @SecurityAttribute(key = "department", value = "welfare")
            })
    void departmentHeadMayNotMarkACaseOfAnotherDepartment() {
        UUID incident = generalAffairsCase();

        given().contentType(ContentType.JSON)
                .body("{}")
                .header("Accept-Language", "en")
                .when()
                .post(SERIOUS, incident)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Not allowed"));
        // Anything the refused request wrote would reach Kafka before the close's ChainStopped.
        CaseSentinel.Before before = CaseSentinel.closeAndAwaitChainStopped(incident);
        assertTrue(before.of("IncidentMarkedSerious").isEmpty(), "a refused marking is not recorded");
        assertTrue(
                before.of("HopOpened").stream()
                        .noneMatch(e -> e.path("data").path("trigger").asText().equals("MARKED_SERIOUS")),
                "the CISO is not told");
    }

    @Test
    @TestSecurity(
            user = "staff1",
            roles = "staff",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void staffMayNotMarkACaseSerious() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(SERIOUS, UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(
            user = "seclead",
            roles = "security-lead",
            attributes = @SecurityAttribute(key = "organisation", value = "demo-city"))
    void unknownCaseIsNotFound() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(SERIOUS, UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private UUID generalAffairsCase() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);
        return incident;
    }
}
