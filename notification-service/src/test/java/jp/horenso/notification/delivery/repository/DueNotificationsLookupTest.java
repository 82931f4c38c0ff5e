package jp.horenso.notification.delivery.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jp.horenso.localstack.testing.PlanCacheGrowth;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * The delivery worker claims due notifications at every wake-up and every second: asking does not grow Hibernate's
 * query-plan cache (issue 13: a native SELECT with a result class added an entry per call, and every lookup walked
 * them all, a cost that grows for as long as the service runs).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DueNotificationsLookupTest {

    @Inject
    NotificationRepository notifications;

    @Inject
    EntityManager entityManager;

    @Test
    void claimingDueNotificationsOverAndOverDoesNotGrowTheQueryPlanCache() {
        PlanCacheGrowth.assertNoneFrom(
                entityManager, () -> QuarkusTransaction.requiringNew().run(() -> notifications.lockDue(10)));
    }
}
