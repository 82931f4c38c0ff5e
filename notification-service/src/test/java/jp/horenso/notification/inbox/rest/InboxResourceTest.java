package jp.horenso.notification.inbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class InboxResourceTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @TestHTTPResource("/api/inbox/stream")
    URI stream;

    @Test
    void personSeesTheirNotificationsAndMarksOneRead() {
        Tokens.actAs("staff2", "staff");
        Request request = NotificationRequests.newReport()
                .to("staff2", "福祉 職員 二郎", "staff2@demo-city.example.jp")
                .send();
        Rows.awaitStored(db, request.notificationId, TIMEOUT);
        String id =
                Rows.single(db, "SELECT id::text FROM inbox_item WHERE notification_id = ?", request.notificationId);

        given().when()
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body(
                        "find { it.notificationId == '" + request.notificationId + "' }.incidentNumber",
                        is(request.incidentNumber))
                .body(
                        "find { it.notificationId == '" + request.notificationId + "' }.subject",
                        startsWith("【高/High】【Horenso】インシデント報告 " + request.incidentNumber))
                .body(
                        "find { it.notificationId == '" + request.notificationId + "' }.acknowledgeLink",
                        startsWith("http://localhost:8083/ack/"))
                .body("find { it.notificationId == '" + request.notificationId + "' }.readAt", is((Object) null));
        given().when()
                .get("/api/inbox?unread=true")
                .then()
                .statusCode(200)
                .body("notificationId", hasItem(request.notificationId.toString()));

        given().when().post("/api/inbox/" + id + "/read").then().statusCode(200).body("readAt", notNullValue());
        given().when()
                .get("/api/inbox?unread=true")
                .then()
                .statusCode(200)
                .body("notificationId", not(hasItem(request.notificationId.toString())));
    }

    @Test
    void anotherPersonsItemIsNotFound() {
        Tokens.actAs("staff2", "staff");
        Request request = NotificationRequests.newReport().send();
        Rows.awaitStored(db, request.notificationId, TIMEOUT);
        String id =
                Rows.single(db, "SELECT id::text FROM inbox_item WHERE notification_id = ?", request.notificationId);

        given().when()
                .post("/api/inbox/" + id + "/read")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", is("見つかりません"));
        given().when()
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body("notificationId", not(hasItem(request.notificationId.toString())));
    }

    @Test
    void callerWithoutIdentityIsUnauthorized() {
        given().when().get("/api/inbox").then().statusCode(401);
        given().when().get("/api/inbox/stream").then().statusCode(401);
    }

    @Test
    void dashboardStreamReceivesANewItemAsItArrives() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(
                HttpRequest.newBuilder(stream)
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + Tokens.of("dashboard1", "csirt"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        Request request = NotificationRequests.newReport()
                .to("dashboard1", "情報政策 CSIRT 一郎", "dashboard1@demo-city.example.jp")
                .send();

        HttpResponse<Stream<String>> open = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try (Stream<String> lines = open.body()) {
            String event = CompletableFuture.supplyAsync(() -> lines.filter(line ->
                                    line.startsWith("data:") && line.contains(request.notificationId.toString()))
                            .findFirst()
                            .orElseThrow())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(event.contains("\"incidentNumber\":\"" + request.incidentNumber + "\""), event);
            assertTrue(event.contains("\"kind\":\"NEW_REPORT\""), event);
        }
    }
}
