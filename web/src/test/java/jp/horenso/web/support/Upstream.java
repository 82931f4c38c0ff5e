package jp.horenso.web.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the stubbed services received. */
public final class Upstream {

    private Upstream() {}

    static String url() {
        return ConfigProvider.getConfig().getValue("horenso.test.upstream-url", String.class);
    }

    public static void forget() {
        given().delete(url() + "/_requests").then().statusCode(204);
    }

    public static List<Map<String, Object>> received() {
        return given().get(url() + "/_requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** The one request with this method and path; fails when there is none. */
    public static Map<String, Object> the(String method, String path) {
        return received().stream()
                .filter(r -> method.equals(r.get("method")) && path.equals(r.get("path")))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + received()));
    }
}
