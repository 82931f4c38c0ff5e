package jp.horenso.incident.review;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.support.Tokens;

/**
 * Builds review situations for tests: response actions written straight into the database (the response API is
 * another feature's), reports to the CISO and the CISO's decisions through the API.
 */
public final class ReviewFixtures {

    private ReviewFixtures() {}

    /** A response action of the case, written by {@code createdBy}, as the response feature would store it. */
    public static UUID measure(
            EntityManager em,
            String incidentId,
            ResponseAction.Kind kind,
            String description,
            String createdBy,
            ResponseAction.Status status) {
        ResponseAction a = ResponseAction.recorded(
                UUID.fromString(incidentId),
                kind,
                description,
                "information-policy",
                null,
                null,
                status,
                createdBy,
                OffsetDateTime.now(ZoneOffset.UTC));
        QuarkusTransaction.requiringNew().run(() -> em.persist(a));
        return a.id();
    }

    /** A planned recurrence-prevention measure written by csirt1. */
    public static UUID recurrencePrevention(EntityManager em, String incidentId, String description) {
        return measure(
                em,
                incidentId,
                ResponseAction.Kind.RECURRENCE_PREVENTION,
                description,
                "csirt1",
                ResponseAction.Status.PLANNED);
    }

    /** csirt1 reports the case to the CISO; returns the report's version. */
    public static int submit(String incidentId) {
        return given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/incidents/" + incidentId + "/ciso-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("version");
    }

    public static io.restassured.response.Response decide(
            String token, String incidentId, int version, String decision, String instructions, Boolean severe) {
        Map<String, Object> body = new HashMap<>();
        body.put("decision", decision);
        if (instructions != null) {
            body.put("instructions", instructions);
        }
        if (severe != null) {
            body.put("severe", severe);
        }
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + incidentId + "/ciso-reports/" + version + "/decision");
    }

    /** A case whose recurrence prevention (written by csirt1) the CISO accepted; returns the accepted version. */
    public static int accepted(EntityManager em, String incidentId, String measure, Boolean severe) {
        recurrencePrevention(em, incidentId, measure);
        int version = submit(incidentId);
        decide(Tokens.ciso(), incidentId, version, "ACCEPT", null, severe)
                .then()
                .statusCode(200);
        return version;
    }
}
