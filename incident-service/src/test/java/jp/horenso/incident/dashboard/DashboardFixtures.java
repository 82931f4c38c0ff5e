package jp.horenso.incident.dashboard;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;

/**
 * A small organisation of its own for a dashboard or KPI test, so that its figures are exact whatever other tests
 * stored; and straight SQL for what only time or another feature would bring (a closed case, a legal duty).
 */
public final class DashboardFixtures {

    public final String organisation = "test-" + UUID.randomUUID().toString().substring(0, 8);

    /** A new organisation, onboarded through the broker (OrganisationOnboarded) before its first report. */
    public DashboardFixtures() {
        Organisations.onboard(organisation);
    }

    public String staff() {
        return Tokens.tokenIn(
                organisation, "staff-" + organisation, "general-affairs", "general-affairs-section", "staff");
    }

    public String staffOfWelfare() {
        return Tokens.tokenIn(organisation, "welfare-" + organisation, "welfare", "welfare-section", "staff");
    }

    public String person(String role) {
        String unit = role.equals("section-chief")
                ? "general-affairs-section"
                : role.equals("department-head") ? "general-affairs" : "information-policy";
        return Tokens.tokenIn(organisation, role + "-" + organisation, "general-affairs", unit, role);
    }

    /** Files a report and returns the case id. */
    public static String file(String token, String title, boolean drill) {
        Map<String, Object> body = Reports.valid();
        body.put("title", title);
        body.put("description", title + "の件");
        body.put("drill", drill);
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Runs one statement in its own transaction; parameters are ?1, ?2, … */
    public static void sql(EntityManager em, String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(statement);
            for (int n = 0; n < params.length; n++) {
                q.setParameter(n + 1, params[n]);
            }
            q.executeUpdate();
        });
    }
}
