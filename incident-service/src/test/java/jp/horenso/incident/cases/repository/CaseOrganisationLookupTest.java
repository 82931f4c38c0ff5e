package jp.horenso.incident.cases.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every consumed event is checked against its case's organisation; a {@code HopOpened} asks for it three times in its
 * one transaction (timeline entry, chain projection, the projection's hop). The database is asked once per
 * transaction: a case never crosses organisations, so the answer cannot change while the event is applied.
 */
@QuarkusTest
class CaseOrganisationLookupTest {

    @Inject
    IncidentRepository incidents;

    @Inject
    EntityManager em;

    @Test
    void aCasesOrganisationIsAskedOncePerTransaction() {
        UUID id = UUID.fromString(Reports.file(Tokens.staff1()));
        IllegalStateException rolledBack = assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    assertEquals(Optional.of("demo-city"), incidents.organisationOf(id));
                    // Changed behind the repository's back (the service never does): the transaction keeps its answer …
                    em.createNativeQuery("UPDATE incident SET organisation = 'gikai' WHERE id = ?1")
                            .setParameter(1, id)
                            .executeUpdate();
                    assertEquals(Optional.of("demo-city"), incidents.organisationOf(id));
                    throw new IllegalStateException("rolled back");
                }));
        assertEquals("rolled back", rolledBack.getMessage());
        // … and the next one asks again (the change above was rolled back).
        assertEquals(
                Optional.of("demo-city"), QuarkusTransaction.requiringNew().call(() -> incidents.organisationOf(id)));
        UUID unknown = UUID.randomUUID();
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> incidents.organisationOf(unknown)));
    }
}
