package jp.horenso.web.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The console's /q/metrics answers Prometheus (the ServiceMonitor "web" of deploy/observability scrapes it) without
 * a login, while every page still needs one.
 */
@QuarkusTest
class MetricsEndpointTest {

    @Test
    void prometheusScrapesTheConsoleWithoutALogin() {
        String scraped = given().redirects()
                .follow(false)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(scraped.contains("jvm_memory_used_bytes"), "JVM metrics");
        assertTrue(scraped.contains("process_cpu_usage"), "process metrics");
        // A page still sends an anonymous visitor to the login.
        int page = given().redirects().follow(false).get("/").then().extract().statusCode();
        assertTrue(page == 302 || page == 401, "the console's pages need a login: " + page);
    }
}
