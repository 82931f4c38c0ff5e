package jp.horenso.web.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.web.support.CsrfForTests;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.Test;

/**
 * Security headers on every response of the console, and request bodies beyond the limit refused with 413 (issue 14,
 * HTTP hardening) — also for what no page code sees: 404, the sign-in redirect, 401, 413, static assets, health.
 */
@QuarkusTest
class ConsoleHardeningTest {

    private static Map<String, String> headersOf(Response response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(h -> headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }

    private static void assertHardened(Map<String, String> headers, String what) {
        assertEquals("nosniff", headers.get("x-content-type-options"), what);
        assertEquals("DENY", headers.get("x-frame-options"), what);
        assertEquals("no-referrer", headers.get("referrer-policy"), what);
        String csp = headers.get("content-security-policy");
        assertTrue(csp != null && csp.startsWith("default-src 'self'; script-src 'self'; "), what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), what + ": " + csp);
        assertTrue(!csp.contains("unsafe-eval") && !csp.contains("script-src 'self' 'unsafe-inline'"), csp);
        assertTrue(headers.get("permissions-policy").contains("camera=()"), what);
        assertNull(headers.get("strict-transport-security"), what + ": plain http in the tests");
    }

    @Test
    void aPageWithPersonalDataIsNeitherFramedNorCached() {
        Response page = given().auth().oauth2(Tokens.staff1()).get("/report/mine");
        assertEquals(200, page.statusCode());
        Map<String, String> headers = headersOf(page);
        assertHardened(headers, "page");
        assertEquals("no-store", headers.get("cache-control"));
        // The pages run no inline script: every script comes from the console's bundle.
        String html = page.asString();
        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(html);
        while (scripts.find()) {
            assertTrue(scripts.group().contains("src=\"/static/"), "inline script: " + scripts.group());
        }
        assertTrue(!html.contains(" onclick=") && !html.contains(" onload="), "inline handlers");
    }

    @Test
    void responsesNoPageCodeSeesCarryTheHeaders() {
        Response unknown = given().auth().oauth2(Tokens.staff1()).get("/no/such/page");
        assertEquals(404, unknown.statusCode());
        assertHardened(headersOf(unknown), "404");
        Response badToken = given().auth().oauth2("not-a-token").get("/report");
        assertEquals(401, badToken.statusCode());
        assertHardened(headersOf(badToken), "401");
        Response signIn = given().redirects().follow(false).get("/report");
        assertEquals(302, signIn.statusCode());
        assertHardened(headersOf(signIn), "sign-in redirect");
        Response health = given().get("/q/health/live");
        assertEquals(200, health.statusCode());
        assertHardened(headersOf(health), "/q/health");
        assertEquals("no-store", headersOf(health).get("cache-control"));
    }

    @Test
    void theBundledAssetsCarryTheHeaders() {
        String html = given().auth().oauth2(Tokens.staff1()).get("/report").asString();
        Matcher script = Pattern.compile("src=\"(/static/[^\"]+\\.js)\"").matcher(html);
        assertTrue(script.find(), html);
        Response asset = given().get(script.group(1));
        assertEquals(200, asset.statusCode());
        assertHardened(headersOf(asset), "asset");
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedWith413ProblemBeforeItIsSent() throws IOException {
        Upstream.forget();
        Reply refused = announce("/report", 1024 * 1024 + 1, "en");
        assertEquals(413, refused.status());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        assertTrue(
                refused.body().contains("\"type\":\"https://horenso.example.jp/problems/body.too-large\""),
                refused.body());
        assertTrue(refused.body().contains("A submission may have at most 1048576 bytes."), refused.body());
        assertEquals("nosniff", refused.headers().get("x-content-type-options"));
        assertEquals("DENY", refused.headers().get("x-frame-options"));
        Reply japanese = announce("/report", 1024 * 1024 + 1, null);
        assertTrue(japanese.body().contains("送信できる大きさは 1048576 バイトまでです。"), japanese.body());
        // Evidence has its own, larger limit.
        Reply evidence = announce("/cases/00000000-0000-4000-8000-000000000001/evidence", 2 * 1024 * 1024, null);
        assertEquals(100, evidence.status(), "the evidence form may send 2 MB");
        assertTrue(Upstream.received().isEmpty(), "nothing sent on: " + Upstream.received());
    }

    @Test
    void aBodySentInChunksIsRefusedWith413WhenItCrossesTheLimit() throws IOException {
        Upstream.forget();
        StringBuilder head = head("POST", "/report", null).append("Transfer-Encoding: chunked\r\n\r\n");
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] body = ("title=" + "a".repeat(1024 * 1024 + 10)).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < body.length; at += 8192) {
            int n = Math.min(8192, body.length - at);
            chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, n);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Reply refused = exchange(head.toString(), chunks.toByteArray());
        assertEquals(413, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.headers().get("content-type"));
        assertTrue(Upstream.received().isEmpty());
    }

    // --- HTTP/1.1 over a socket: what ordinary clients hide (a refused Expect: 100-continue, chunked bodies).

    record Reply(int status, Map<String, String> headers, String body) {}

    private static StringBuilder head(String method, String path, String language) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(RestAssured.port)
                .append("\r\n")
                .append("Authorization: Bearer ")
                .append(Tokens.staff1())
                .append("\r\n")
                .append("Cookie: ")
                .append(CsrfTokens.COOKIE)
                .append('=')
                .append(CsrfForTests.NONCE)
                .append("\r\n")
                .append(CsrfTokens.HEADER)
                .append(": ")
                .append(CsrfForTests.token())
                .append("\r\n")
                .append("Content-Type: application/x-www-form-urlencoded\r\n");
        if (language != null) {
            head.append("Accept-Language: ").append(language).append("\r\n");
        }
        return head;
    }

    private static Reply announce(String path, long length, String language) throws IOException {
        String head = head("POST", path, language)
                .append("Content-Length: ")
                .append(length)
                .append("\r\nExpect: 100-continue\r\n\r\n")
                .toString();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), true);
        }
    }

    private static Reply exchange(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The console may answer and close before the whole body is sent: its answer is still there to read.
            }
            return read(socket.getInputStream(), false);
        }
    }

    private static Reply read(InputStream in, boolean stopAtContinue) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        if (status == 100) {
            if (stopAtContinue) {
                return new Reply(100, headers, "");
            }
            return read(in, false);
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
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
