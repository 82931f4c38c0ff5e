package jp.horenso.platform.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.support.TestConfig;
import org.junit.jupiter.api.Test;

/** Which failures a consumer retries before anything is dead-lettered (narrow: no broker needed). */
class EventConsumptionTest {

    private static final String EVENT = """
            {"specversion":"1.0","id":"7f1c7a52-8f55-4a4e-9d1a-7b0e1c2d3e4f","source":"/horenso/test-service",
             "type":"jp.horenso.Tested","time":"2026-12-06T09:00:00+09:00","subject":"case-1","organisation":"demo-city",
             "datacontenttype":"application/json","data":{"n":1}}""";

    private final EventConsumption consumption = new EventConsumption(
            new CloudEvents(new ObjectMapper(), null, config(Duration.ofSeconds(5))), config(Duration.ofSeconds(5)));

    @Test
    void aTransientDatabaseFailureIsRetriedUntilItPasses() {
        AtomicInteger attempts = new AtomicInteger();
        consumption.consume(EVENT, event -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLTransientConnectionException("connection refused", "08001"));
            }
        });
        assertEquals(3, attempts.get());
    }

    @Test
    void theDatabaseRefusingConnectionsOrRunningOutOfThemIsTransient() {
        for (SQLException refusal : new SQLException[] {
            new SQLException("FATAL: database \"horenso\" is not currently accepting connections", "55000"),
            new SQLException("FATAL: sorry, too many clients already", "53300"),
            new SQLException("Acquisition timeout while waiting for new connection"),
            new SQLException("terminating connection due to administrator command", "57P01"),
            new SQLException("Connection refused", "08001")
        }) {
            assertEquals(
                    true,
                    TransientFailures.isTransient(new IllegalStateException("wrapped", refusal)),
                    refusal.getMessage());
        }
        assertEquals(false, TransientFailures.isTransient(new SQLException("duplicate key", "23505")));
        assertEquals(false, TransientFailures.isTransient(new SQLException("object in use", "55006")));
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(
                InvalidEventException.class,
                () -> consumption.consume(EVENT, event -> {
                    attempts.incrementAndGet();
                    throw new InvalidEventException("unknown case");
                }));
        assertEquals(1, attempts.get());
        assertThrows(
                IllegalArgumentException.class,
                () -> consumption.consume(EVENT, event -> {
                    attempts.incrementAndGet();
                    throw new IllegalArgumentException("a bug");
                }));
        assertEquals(2, attempts.get());
    }

    @Test
    void aFailureThatOutlastsTheRetryBudgetGoesOn() {
        EventConsumption impatient = new EventConsumption(
                new CloudEvents(new ObjectMapper(), null, config(Duration.ofMillis(300))),
                config(Duration.ofMillis(300)));
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(
                IllegalStateException.class,
                () -> impatient.consume(EVENT, event -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException(new SQLException("terminating connection", "57P01"));
                }));
        assertEquals(true, attempts.get() >= 2, "retried before giving up: " + attempts.get());
    }

    @Test
    void aMalformedRecordIsRefusedBeforeTheHandlerRuns() {
        AtomicInteger attempts = new AtomicInteger();
        for (String bad : new String[] {
            "",
            "not json",
            "[]",
            EVENT.replace("\"1.0\"", "\"0.3\""),
            EVENT.replace("jp.horenso.Tested", "com.example.Tested"),
            EVENT.replace("/horenso/", "/other/"),
            EVENT.replace("\"time\":\"2026-12-06T09:00:00+09:00\",", ""),
            EVENT.replace("{\"n\":1}", "[1]"),
            EVENT.replace("7f1c7a52-8f55-4a4e-9d1a-7b0e1c2d3e4f", "nope"),
            EVENT.replace("\"subject\":\"case-1\",", "")
        }) {
            assertThrows(
                    InvalidEventException.class, () -> consumption.consume(bad, e -> attempts.incrementAndGet()), bad);
        }
        assertEquals(0, attempts.get());
    }

    private static TestConfig config(Duration giveUpAfter) {
        return new TestConfig("test-service", "test-events", Duration.ofMillis(20), giveUpAfter);
    }
}
