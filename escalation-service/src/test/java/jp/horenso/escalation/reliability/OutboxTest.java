package jp.horenso.escalation.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.escalation.hop.event.ChainStopped;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;
import org.junit.jupiter.api.Test;

/**
 * The platform's outbox in a running service: a transaction's events are written together just before it commits
 * (one JDBC batch, issue 13), in the order appended, and published; a transaction that does not commit leaves none.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class OutboxTest {

    private static final Organisation CITY = Organisation.of("demo-city");

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void theEventsOfACommittedTransactionAreWrittenInTheOrderAppendedAndPublished() throws Exception {
        UUID subject = UUID.randomUUID();
        List<UUID> appended = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 0; n < 3; n++) {
                appended.add(outbox.append(ChainStopped.NAME, CITY, subject.toString(), stopped(subject, n)));
            }
            // Nothing is written before the commit: the rows wait for it.
            assertEquals(List.of(), rowsAbout(subject));
        });

        assertEquals(appended, rowsAbout(subject), "one row per event, in the order appended");
        List<UUID> published = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> EscalationEventLog.get().of(subject).stream()
                                .map(e -> UUID.fromString(e.path("id").asText()))
                                .toList(),
                        ids -> ids.size() == 3);
        assertEquals(appended, published, "published once each, in order");
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() throws Exception {
        UUID subject = UUID.randomUUID();
        QuarkusTransaction.begin();
        outbox.append(ChainStopped.NAME, CITY, subject.toString(), stopped(subject, 1));
        QuarkusTransaction.rollback();

        assertEquals(List.of(), rowsAbout(subject));
    }

    @Test
    void aTransactionMarkedForRollbackLeavesNoEvent() throws Exception {
        UUID subject = UUID.randomUUID();
        QuarkusTransaction.begin();
        outbox.append(ChainStopped.NAME, CITY, subject.toString(), stopped(subject, 1));
        QuarkusTransaction.setRollbackOnly();
        assertThrows(Exception.class, QuarkusTransaction::commit);

        assertEquals(List.of(), rowsAbout(subject));
    }

    @Test
    void anEventCannotBeAppendedOutsideATransaction() {
        assertThrows(Exception.class, () -> outbox.append(ChainStopped.NAME, CITY, "x", stopped(UUID.randomUUID(), 0)));
    }

    /** A real event of this service (the test's Kafka reader checks every record against its schema). */
    private static ChainStopped stopped(UUID incident, int n) {
        return new ChainStopped(incident, "CLOSED", Instant.now(), List.of(), n);
    }

    private List<UUID> rowsAbout(UUID subject) {
        try (Connection db = dataSource.getConnection();
                PreparedStatement select =
                        db.prepareStatement("select id from outbox_event where message_key = ? order by seq")) {
            select.setString(1, subject.toString());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            assertTrue(ids.size() <= 3);
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
