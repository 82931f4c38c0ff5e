package jp.horenso.incident.disclosure;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import jp.horenso.incident.support.Tokens;

/** Drives a case's disclosure through the API for tests: decision, text versions, approval, publication. */
public final class DisclosureFixtures {

    private DisclosureFixtures() {}

    public static Response decide(String token, String incidentId, String method) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("method", method))
                .put("/api/incidents/" + incidentId + "/disclosure/decision");
    }

    /** A text body with Japanese only. */
    public static Map<String, Object> text(String titleJa, String bodyJa) {
        Map<String, Object> body = new HashMap<>();
        body.put("titleJa", titleJa);
        body.put("bodyJa", bodyJa);
        body.put("includeRecurrencePrevention", false);
        return body;
    }

    public static Response saveDraft(String token, String incidentId, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + incidentId + "/disclosure/drafts");
    }

    public static Response approve(String token, String incidentId, int version) {
        return approve(token, incidentId, version, "ja");
    }

    public static Response approve(String token, String incidentId, int version, String language) {
        return given().auth()
                .oauth2(token)
                .header("Accept-Language", language)
                .post("/api/incidents/" + incidentId + "/disclosure/drafts/" + version + "/approval");
    }

    public static Response publish(String token, String incidentId, int version) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("draftVersion", version))
                .post("/api/incidents/" + incidentId + "/disclosure/publications");
    }

    /** Decides, writes (csirt1), approves (ciso) and publishes (ciso) a text; returns the public id. */
    public static String published(String incidentId, String titleJa, String bodyJa) {
        decide(Tokens.ciso(), incidentId, "INDIVIDUAL_PRESS_RELEASE").then().statusCode(200);
        int version = saveDraft(Tokens.csirt1(), incidentId, text(titleJa, bodyJa))
                .then()
                .statusCode(201)
                .extract()
                .path("drafts[-1].version");
        approve(Tokens.ciso(), incidentId, version).then().statusCode(200);
        return publish(Tokens.ciso(), incidentId, version)
                .then()
                .statusCode(201)
                .extract()
                .path("publications[-1].id");
    }
}
