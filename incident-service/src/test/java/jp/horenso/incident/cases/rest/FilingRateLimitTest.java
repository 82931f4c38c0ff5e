package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The per-person limit on filing (issue 14): the next report beyond {@code horenso.filing.rate-limit.max} in a
 * window is refused with 429 problem+json and {@code Retry-After}, and stores nothing. Its own profile (3 per minute),
 * so the other tests, which file many reports as the same few people, keep the generous limit.
 */
@QuarkusTest
@TestProfile(FilingRateLimitTest.ThreePerMinute.class)
class FilingRateLimitTest {

    /** A limit a test reaches in a few requests. */
    public static class ThreePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("horenso.filing.rate-limit.max", "3", "horenso.filing.rate-limit.per", "1m");
        }
    }

    @Inject
    EntityManager em;

    /**
     * A person no other test files as, so that each test starts with an empty window. The windows are whole minutes
     * of the database's clock (this machine's): a test that began in a minute's last seconds would file into two
     * windows, so it waits for the next minute first.
     */
    private static String newPerson() {
        long secondOfMinute = Instant.now().getEpochSecond() % 60;
        if (secondOfMinute >= 45) {
            try {
                Thread.sleep((60 - secondOfMinute) * 1000 + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return "rate-" + UUID.randomUUID();
    }

    private static String staff(String username) {
        return Tokens.token(username, "general-affairs", "general-affairs-section", "staff");
    }

    private static Response file(String token, String idempotencyKey, String language) {
        return file(token, idempotencyKey, language, Reports.valid());
    }

    private static Response file(String token, String idempotencyKey, String language, Map<String, Object> report) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(report);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.post("/api/incidents");
    }

    @Test
    void theFilingBeyondThePersonsLimitIsRefusedWith429ProblemAndRetryAfterAndStoresNothing() {
        String person = newPerson();
        String token = staff(person);
        for (int n = 0; n < 3; n++) {
            file(token, null, null).then().statusCode(201);
        }
        long outboxBefore = outboxEventsOf(person);
        Response refused = file(token, "retry-" + person, null);
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff");
        assertEquals("https://horenso.example.jp/problems/filing.rate-limited", refused.path("type"));
        assertEquals("リクエストが多すぎます", refused.path("title"));
        assertTrue(refused.<String>path("detail").contains("60 秒間に 3 件まで"), refused.<String>path("detail"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // Nothing stored: no fourth case, no event, the idempotency key not used up.
        assertEquals(3, casesOf(person));
        assertEquals(outboxBefore, outboxEventsOf(person));
        assertEquals(0, idempotencyKeysOf(person));

        Response english = file(token, null, "en");
        english.then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertTrue(english.<String>path("detail").startsWith("Too many reports"), english.<String>path("detail"));
        assertEquals(3, casesOf(person));
    }

    @Test
    void theLimitIsPerPersonSoOthersFileOnWhenOneIsLimited() {
        String limited = staff(newPerson());
        for (int n = 0; n < 3; n++) {
            file(limited, null, null).then().statusCode(201);
        }
        file(limited, null, null).then().statusCode(429);
        for (int n = 0; n < 3; n++) {
            file(staff(newPerson()), null, null).then().statusCode(201);
        }
    }

    @Test
    void aRetryOfAFilingAlreadyMadeIsNotANewFilingAndARefusedKeyCanBeUsedInTheNextWindow() {
        String person = newPerson();
        String token = staff(person);
        Map<String, Object> report = Reports.valid();
        String first = file(token, "same-" + person, null, report)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        file(token, null, null).then().statusCode(201);
        file(token, null, null).then().statusCode(201);
        // At the limit, the retry of the first filing still answers with its case.
        assertEquals(
                first,
                file(token, "same-" + person, null, report)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        file(token, "refused-" + person, null).then().statusCode(429);
        // The window passes (as if a minute went by) …
        OwnerDatabase.run("DELETE FROM filing_rate WHERE username = ?", person);
        // … and the key of the refused filing files a new case: the refusal did not use it up.
        String later = file(token, "refused-" + person, null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertNotEquals(first, later);
        assertEquals(4, casesOf(person));
    }

    @Test
    void theCountIsKeptInTheDatabaseSoEveryReplicaSeesTheSameFilings() {
        String person = newPerson();
        String token = staff(person);
        file(token, null, null).then().statusCode(201);
        // Another replica filed two more for this person in the same window: the count is the database's.
        OwnerDatabase.run("UPDATE filing_rate SET filed = filed + 2 WHERE username = ?", person);
        file(token, null, null).then().statusCode(429);
        assertEquals(1, casesOf(person));
    }

    @Test
    void concurrentFilingsOfOnePersonAreCountedOneAfterTheOther() throws Exception {
        String person = newPerson();
        String token = staff(person);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                statuses.add(pool.submit(() -> file(token, null, null).statusCode()));
            }
            int created = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                created += code == 201 ? 1 : 0;
                refused += code == 429 ? 1 : 0;
            }
            assertEquals(3, created);
            assertEquals(5, refused);
            assertEquals(3, casesOf(person));
        } finally {
            pool.shutdownNow();
        }
    }

    private long casesOf(String person) {
        return count("SELECT count(*) FROM incident WHERE reported_by = ?1", person);
    }

    private long outboxEventsOf(String person) {
        return count("SELECT count(*) FROM outbox_event WHERE payload LIKE ?1", "%" + person + "%");
    }

    private long idempotencyKeysOf(String person) {
        return count("SELECT count(*) FROM idempotency_key WHERE username = ?1", person);
    }

    private long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql)
                                .setParameter(1, parameter)
                                .getSingleResult())
                        .longValue());
    }
}
