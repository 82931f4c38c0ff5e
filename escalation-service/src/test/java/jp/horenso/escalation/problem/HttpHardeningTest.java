package jp.horenso.escalation.problem;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * The platform's HTTP hardening in this service (issue 14): security headers on every response, also those no
 * resource answers (404, 401, 413, health), and bodies beyond the limit refused with 413 problem+json.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class HttpHardeningTest {

    private static void assertHardened(Map<String, String> headers, String what) {
        assertEquals("nosniff", headers.get("x-content-type-options"), what);
        assertEquals("DENY", headers.get("x-frame-options"), what);
        assertEquals("no-referrer", headers.get("referrer-policy"), what);
        assertEquals("default-src 'none'; frame-ancestors 'none'", headers.get("content-security-policy"), what);
        assertEquals("no-store", headers.get("cache-control"), what);
        assertTrue(headers.get("permissions-policy").contains("camera=()"), what);
    }

    private static Map<String, String> headersOf(Response response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(h -> headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() throws IOException {
        Response unknown = given().get("/no/such/path");
        assertEquals(404, unknown.statusCode());
        assertHardened(headersOf(unknown), "404");
        Response anonymous = given().get("/api/chain");
        assertEquals(401, anonymous.statusCode());
        assertHardened(headersOf(anonymous), "401");
        Response health = given().get("/q/health/live");
        assertEquals(200, health.statusCode());
        assertHardened(headersOf(health), "health");
        Reply tooLarge = announce("POST", "/api/chain/validation", 1024 * 1024 + 1, "en");
        assertEquals(413, tooLarge.status());
        assertHardened(tooLarge.headers(), "413");
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedWith413ProblemAndADirectoryMayBeLarger() throws IOException {
        Reply refused = announce("PUT", "/api/chain", 1024 * 1024 + 1, null);
        assertEquals(413, refused.status());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        assertTrue(refused.body().contains("本文は 1048576 バイトまでです。"), refused.body());
        Reply english = announce("PUT", "/api/chain", 1024 * 1024 + 1, "en");
        assertTrue(english.body().contains("A request body may have at most 1048576 bytes."), english.body());
        // A staff directory of a large city: beyond 1 MB, within its own limit.
        assertNotEquals(
                413, announce("PUT", "/api/directory", 3 * 1024 * 1024, null).status());
        assertEquals(
                413, announce("PUT", "/api/directory", 9 * 1024 * 1024, null).status());
    }

    record Reply(int status, Map<String, String> headers, String body) {}

    /** Sends only the head of a request announcing {@code length} bytes ({@code Expect: 100-continue}). */
    private static Reply announce(String method, String path, long length, String language) throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                + "Content-Type: application/json\r\n"
                + (language == null ? "" : "Accept-Language: " + language + "\r\n")
                + "Content-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int status = Integer.parseInt(line(in).split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            if (status == 100) {
                return new Reply(100, headers, "");
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the reply");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
