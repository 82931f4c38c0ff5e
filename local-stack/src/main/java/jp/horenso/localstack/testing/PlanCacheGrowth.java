package jp.horenso.localstack.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;

/**
 * Checks that a call on a hot path does not grow Hibernate's query-plan cache (issue 13): a native query with a scalar
 * result class adds an entry at every call, under the same hash, and every later native query's lookup walks them
 * all.
 */
public final class PlanCacheGrowth {

    private PlanCacheGrowth() {}

    /**
     * Runs {@code call} (each in its own transaction, as the service does) 5 times, for what a first call caches
     * once, then 200 times: fewer than 5 new plans.
     */
    public static void assertNoneFrom(EntityManager entityManager, Runnable call) {
        QueryInterpretationCache cache = entityManager
                .getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getInterpretationCache();
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        int before = cache.getNumberOfCachedQueryPlans();
        for (int i = 0; i < 200; i++) {
            call.run();
        }
        int after = cache.getNumberOfCachedQueryPlans();
        assertTrue(after - before < 5, "plans cached: " + before + " → " + after);
    }
}
