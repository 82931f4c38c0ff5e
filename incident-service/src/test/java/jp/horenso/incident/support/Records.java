package jp.horenso.incident.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds case-record bodies and writes them through the API as the CSIRT would. */
public final class Records {

    private Records() {}

    /** A record of a minor case: no personal data, internet zone. */
    public static Map<String, Object> minor() {
        Map<String, Object> r = new HashMap<>();
        r.put("kind", "SECURITY_INCIDENT");
        r.put("title", "USBメモリの紛失");
        r.put("description", "窓口業務で使用していたUSBメモリが所在不明");
        r.put("networkZone", "INTERNET");
        r.put("informationSystems", List.of("窓口端末"));
        r.put("assets", new ArrayList<>(List.of(asset("窓口案内資料", "1", "1", "1"))));
        r.put("threatCategory", "UNINTENTIONAL_ERROR");
        r.put("functionalImpact", "NONE");
        r.put("informationImpact", "NONE");
        r.put("recoverability", "REGULAR");
        r.put("ongoing", false);
        return r;
    }

    public static Map<String, Object> asset(String name, String c, String i, String a) {
        return Map.of("name", name, "confidentiality", c, "integrity", i, "availability", a);
    }

    /** Personal data of the given kinds and number of persons, not encrypted. */
    public static Map<String, Object> personalData(int persons, String... kinds) {
        Map<String, Object> pd = new HashMap<>();
        pd.put("kinds", List.of(kinds));
        pd.put("persons", persons);
        pd.put("stronglyEncrypted", false);
        pd.put("financialDamageRisk", false);
        pd.put("improperPurpose", false);
        pd.put("publiclyViewable", false);
        pd.put("heldInMyNumberSystems", false);
        return pd;
    }

    /** Writes the record with the case's current ETag; returns the response. */
    public static Response write(String token, String id, Map<String, Object> record) {
        String etag = given().auth()
                .oauth2(token)
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        return given().auth()
                .oauth2(token)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(record)
                .when()
                .put("/api/incidents/" + id + "/record");
    }
}
