package jp.horenso.escalation.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import jp.horenso.localstack.testing.PlanCacheGrowth;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.time.DatabaseClock;
import org.junit.jupiter.api.Test;

/**
 * The platform's one clock, on the real PostgreSQL: a transaction's time is PostgreSQL's {@code now()}, the same
 * instant for the whole transaction, and asking it on every event costs no growth of Hibernate's query-plan cache
 * (issue 13: a native SELECT through Hibernate added an entry per call, and each lookup walked them all).
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DatabaseClockTest {

    @Inject
    DatabaseClock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void aTransactionKeepsOneInstantWhileTheWallClockMoves() {
        Instant[] seen = QuarkusTransaction.requiringNew().call(() -> {
            Instant first = clock.transactionTime();
            Thread.sleep(20);
            Instant again = clock.transactionTime();
            Instant wall = clock.wallTime();
            Instant database = ((OffsetDateTime) entityManager
                            .createNativeQuery("select now()", OffsetDateTime.class)
                            .getSingleResult())
                    .toInstant();
            return new Instant[] {first, again, wall, database};
        });
        assertEquals(seen[0], seen[1], "one instant per transaction");
        assertEquals(seen[3], seen[0], "PostgreSQL's now()");
        assertTrue(seen[2].isAfter(seen[0].plusMillis(19)), "the wall clock moved on: " + seen[2]);
    }

    @Test
    void eachTransactionHasItsOwnInstant() throws InterruptedException {
        Instant first = QuarkusTransaction.requiringNew().call(clock::transactionTime);
        Thread.sleep(5);
        Instant second = QuarkusTransaction.requiringNew().call(clock::transactionTime);
        assertNotEquals(first, second);
        assertTrue(second.isAfter(first));
    }

    @Test
    void askingTheTimeOnEveryTransactionDoesNotGrowTheQueryPlanCache() {
        PlanCacheGrowth.assertNoneFrom(entityManager, () -> {
            QuarkusTransaction.requiringNew().run(() -> clock.transactionTime());
            QuarkusTransaction.requiringNew().run(() -> clock.wallTime());
        });
    }
}
