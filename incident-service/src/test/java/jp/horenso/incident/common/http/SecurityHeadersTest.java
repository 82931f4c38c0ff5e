package jp.horenso.incident.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import jp.horenso.incident.support.RawHttp;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every response carries the security headers (issue 14, HTTP hardening) — also the ones JAX-RS never sees: the
 * platform's {@code SecurityHeaders} adds them just before any response's headers are written.
 */
@QuarkusTest
class SecurityHeadersTest {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private static void assertHardened(Map<String, String> headers, String what) {
        assertEquals("nosniff", headers.get("x-content-type-options"), what);
        assertEquals("DENY", headers.get("x-frame-options"), what);
        assertEquals("no-referrer", headers.get("referrer-policy"), what);
        assertEquals(API_POLICY, headers.get("content-security-policy"), what);
        assertEquals("no-store", headers.get("cache-control"), what);
        assertEquals(
                "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()",
                headers.get("permissions-policy"),
                what);
        // Served over plain http in the tests: HSTS only over https.
        assertNull(headers.get("strict-transport-security"), what);
    }

    private static Map<String, String> headersOf(Response response) {
        Map<String, String> headers = new java.util.HashMap<>();
        response.headers().forEach(h -> headers.put(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        return headers;
    }

    @Test
    void aCaseAnswerAndAFilingCarryTheHeaders() {
        Response filed = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents");
        assertEquals(201, filed.statusCode());
        assertHardened(headersOf(filed), "201");
        Response shown = given().auth().oauth2(Tokens.staff1()).get("/api/incidents/" + filed.path("id"));
        assertEquals(200, shown.statusCode());
        assertHardened(headersOf(shown), "200");
    }

    @Test
    void errorsAnsweredOutsideTheResourcesCarryTheHeaders() {
        Response unknown = given().auth().oauth2(Tokens.staff1()).get("/no/such/path");
        assertEquals(404, unknown.statusCode());
        assertHardened(headersOf(unknown), "404");
        Response anonymous = given().get("/api/incidents");
        assertEquals(401, anonymous.statusCode());
        assertHardened(headersOf(anonymous), "401");
        Response forbidden = given().auth()
                .oauth2(Tokens.auditor())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents");
        assertEquals(403, forbidden.statusCode());
        assertHardened(headersOf(forbidden), "403");
        RawHttp.Reply tooLarge = RawHttp.announce(
                "POST",
                "/api/incidents",
                Map.of("Authorization", "Bearer " + Tokens.staff1(), "Content-Type", "application/json"),
                50_000_000);
        assertEquals(413, tooLarge.status());
        assertHardened(tooLarge.headers(), "413");
    }

    @Test
    void healthAndMetricsCarryTheHeaders() {
        Response health = given().get("/q/health/live");
        assertEquals(200, health.statusCode());
        assertHardened(headersOf(health), "/q/health");
    }

    @Test
    void aStaticPageOfTheBrowserToolsGetsAPolicyItCanRunWith() {
        Response swagger = given().get("/q/swagger-ui/index.html");
        assertEquals(200, swagger.statusCode());
        Map<String, String> headers = headersOf(swagger);
        assertEquals("nosniff", headers.get("x-content-type-options"));
        assertEquals("DENY", headers.get("x-frame-options"));
        assertEquals(
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                        + "img-src 'self' data:; frame-ancestors 'none'",
                headers.get("content-security-policy"));
    }
}
