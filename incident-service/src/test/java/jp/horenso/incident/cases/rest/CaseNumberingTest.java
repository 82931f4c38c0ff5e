package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.horenso.incident.cases.ReporterType;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.cases.service.ReportIncident;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.platform.security.Caller;
import org.junit.jupiter.api.Test;

/**
 * Case numbers per organisation stay gapless and unique (第43条1項: every report is numbered and none is lost) while
 * filings run side by side, and the idempotency key still gives a retry the first request's case.
 */
@QuarkusTest
class CaseNumberingTest {

    /** staff1 of demo-city, as the token of {@link Tokens#staff1()} names them. */
    private static final Caller STAFF1 =
            new Caller("staff1", "demo-city", "general-affairs", "general-affairs-section", Set.of("staff"));

    @Inject
    IncidentService incidents;

    @Inject
    EntityManager em;

    @Test
    void article43_aFilingRolledBackAfterTakingItsNumberLeavesNoGap() {
        long before = counter(number(fileAsStaff1(null)));
        String key = "rolled-back-" + UUID.randomUUID();

        // A real filing, number taken and key claimed, whose transaction then rolls back (a later failure).
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    String taken = incidents.report(STAFF1, command(), key).number();
                    assertEquals(before + 1, counter(taken));
                    throw new IllegalStateException("fails after the number was taken");
                }));
        assertEquals("fails after the number was taken", failure.getMessage());

        // The number is given back, and the key is free again: its retry files the case.
        Response retried = fileAsStaff1(key);
        assertEquals(before + 1, counter(number(retried)));
        assertEquals(before + 2, counter(number(fileAsStaff1(null))));
    }

    @Test
    void article43_filingsSideBySideGetConsecutiveNumbersEachOnce() throws Exception {
        long before = counter(number(fileAsStaff1(null)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> filings = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                filings.add(pool.submit(() -> fileAsStaff1("side-by-side-" + UUID.randomUUID())));
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<Response> filing : filings) {
                numbers.add(counter(number(filing.get(60, TimeUnit.SECONDS))));
            }
            numbers.sort(Long::compare);
            List<Long> expected = new ArrayList<>();
            for (long n = before + 1; n <= before + 16; n++) {
                expected.add(n);
            }
            assertEquals(expected, numbers);
            Number last = (Number)
                    em.createNativeQuery("SELECT last_number FROM case_number_counter WHERE organisation = 'demo-city'")
                            .getSingleResult();
            assertEquals(before + 16, last.longValue());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryWhileTheFirstRequestIsStillFilingGetsTheFirstCase() throws Exception {
        String key = "in-flight-" + UUID.randomUUID();
        CountDownLatch filed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<String> firstCase =
                    first.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                        String id =
                                incidents.report(STAFF1, command(), key).id().toString();
                        filed.countDown();
                        commit.await(60, TimeUnit.SECONDS);
                        return id;
                    }));
            filed.await(60, TimeUnit.SECONDS);
            CompletableFuture<Response> retry = CompletableFuture.supplyAsync(() -> fileAsStaff1(key));
            Thread.sleep(500);
            assertFalse(retry.isDone(), "the retry waits for the first request's key");
            commit.countDown();
            String id = firstCase.get(60, TimeUnit.SECONDS);
            Response retried = retry.get(60, TimeUnit.SECONDS);
            assertEquals(id, retried.path("id"));
        } finally {
            commit.countDown();
            first.shutdownNow();
        }
    }

    /** One report, the same for the service's command and the API's body (a retry must send the same request). */
    private static final OffsetDateTime NOW =
            OffsetDateTime.now(ZoneOffset.ofHours(9)).withNano(0);

    private static ReportIncident command() {
        Map<String, Object> body = Reports.valid();
        return new ReportIncident(
                (String) body.get("title"),
                (String) body.get("description"),
                NOW.minusHours(5),
                NOW.minusHours(2),
                ReporterType.STAFF,
                null,
                null,
                null,
                null);
    }

    private static Response fileAsStaff1(String idempotencyKey) {
        var request = given().auth().oauth2(Tokens.staff1()).contentType(ContentType.JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        Map<String, Object> body = Reports.valid();
        body.put("occurredAt", NOW.minusHours(5).toString());
        body.put("discoveredAt", NOW.minusHours(2).toString());
        Response response = request.body(body).post("/api/incidents");
        response.then().statusCode(201);
        return response;
    }

    private static String number(Response created) {
        return created.path("number");
    }

    /** The counter part of DEMO-2026-000042. */
    private static long counter(String number) {
        return Long.parseLong(number.substring(number.lastIndexOf('-') + 1));
    }
}
