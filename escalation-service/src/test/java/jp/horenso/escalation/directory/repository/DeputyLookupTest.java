package jp.horenso.escalation.directory.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jp.horenso.localstack.testing.PlanCacheGrowth;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * A position's deputies are looked up whenever its holder is away, for every report of such a day: the lookup does
 * not grow Hibernate's query-plan cache (issue 13: a native query with a result class added an entry per call, and
 * every later native query's lookup walked them all). Who the deputies are is proven by
 * {@code ParallelRecipientsAndDeputiesTest}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DeputyLookupTest {

    @Inject
    DeputyRepository deputies;

    @Inject
    EntityManager entityManager;

    @Test
    void lookingUpDeputiesOverAndOverDoesNotGrowTheQueryPlanCache() {
        PlanCacheGrowth.assertNoneFrom(
                entityManager,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> deputies.validToday(
                                "demo-city", "SECTION_CHIEF", "general-affairs-section", "Asia/Tokyo")));
    }
}
