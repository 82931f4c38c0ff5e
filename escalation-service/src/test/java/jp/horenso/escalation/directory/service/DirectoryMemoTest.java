package jp.horenso.escalation.directory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Reachable;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.time.DatabaseClock;
import org.junit.jupiter.api.Test;

/**
 * The directory answers each question once per transaction (a timer batch handles up to a hundred time-outs in one
 * transaction and asks the same few questions; issue 13), and a change of the directory in the transaction makes it
 * ask again. The demo city's seeded directory, on the real PostgreSQL; every transaction here is rolled back.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DirectoryMemoTest {

    private static final String CITY = "demo-city";
    private static final String WELFARE = "welfare-section";

    @Inject
    DirectoryService directory;

    @Inject
    AbsenceService absences;

    @Inject
    DatabaseClock clock;

    @Test
    void aQuestionIsAnsweredOncePerTransaction() {
        List<List<Person>> asked = rolledBack(() -> {
            List<Person> first = directory.holders(CITY, Position.SECTION_CHIEF, WELFARE);
            List<Person> again = directory.holders(CITY, Position.SECTION_CHIEF, WELFARE);
            return List.of(first, again);
        });
        List<Person> nextTransaction =
                QuarkusTransaction.requiringNew().call(() -> directory.holders(CITY, Position.SECTION_CHIEF, WELFARE));
        assertEquals(
                List.of("chief2"), asked.get(0).stream().map(Person::username).toList());
        assertSame(asked.get(0), asked.get(1), "the second ask within the transaction is not a query");
        assertNotSame(asked.get(0), nextTransaction, "a new transaction asks again");
    }

    @Test
    void anAbsenceRecordedInTheTransactionIsSeenByTheNextQuestion() {
        List<Reachable> seen = rolledBack(() -> {
            Reachable before = directory.reachable(CITY, Position.SECTION_CHIEF, WELFARE, null);
            Instant now = clock.transactionTime();
            absences.add(
                    new Caller("seclead", CITY, "general-affairs", "information-policy", Set.of("security-lead")),
                    "chief2",
                    now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofHours(1)),
                    "出張 (test)");
            Reachable after = directory.reachable(CITY, Position.SECTION_CHIEF, WELFARE, null);
            return List.of(before, after);
        });
        assertEquals(List.of("chief2"), usernames(seen.get(0)));
        assertFalse(usernames(seen.get(1)).contains("chief2"), "chief2 is absent now: " + seen.get(1));
    }

    /** What {@code work} returns, in a transaction that is then rolled back (nothing it wrote stays). */
    private static <T> T rolledBack(Supplier<T> work) {
        QuarkusTransaction.begin();
        try {
            return work.get();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static List<String> usernames(Reachable reachable) {
        return reachable.people().stream().map(r -> r.person().username()).toList();
    }
}
