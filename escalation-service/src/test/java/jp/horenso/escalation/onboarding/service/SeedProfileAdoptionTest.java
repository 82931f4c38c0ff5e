package jp.horenso.escalation.onboarding.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.OnboardingBundles;
import jp.horenso.localstack.testing.EventSchemas;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.security.Organisation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A local stack seeded by an earlier version has its organisations without a profile: at the next start the seed
 * gives them its profile and announces them (OrganisationOnboarded by seed) — their directory and chain stay as the
 * database has them — so the other services learn the case-number prefix without a reset.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class SeedProfileAdoptionTest {

    private static final String CODE = "legacy-town";

    @Inject
    OnboardingService onboarding;

    @Inject
    EntityManager entityManager;

    @Inject
    AdminTrail trail;

    @Inject
    Db db;

    @Transactional
    void insertLegacyOrganisation() {
        entityManager
                .createNativeQuery(
                        "insert into organisation (code, name_ja) values (:code, '旧町') on conflict do nothing")
                .setParameter("code", CODE)
                .executeUpdate();
    }

    @Test
    void anOrganisationSeededBeforeProfilesTakesTheSeedsProfileOnceAndIsAnnounced() {
        insertLegacyOrganisation();

        OnboardingService.SeedOutcome outcome = onboarding.seed("legacy.yaml", OnboardingBundles.town(CODE, "TLEGACY"));
        assertFalse(outcome.onboarded(), "its directory and chain are not loaded again");
        // A second start changes nothing.
        onboarding.seed("legacy.yaml", OnboardingBundles.town(CODE, "TLEGACY"));

        EscalationEventLog published = EscalationEventLog.get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> published.ofSubject(CODE, "OrganisationOnboarded").size() >= 1);
        List<JsonNode> announced = published.ofSubject(CODE, "OrganisationOnboarded");
        assertEquals(1, announced.size());
        EventSchemas.assertValid("OrganisationOnboarded", announced.get(0));
        assertEquals(
                "TLEGACY",
                announced.get(0).path("data").path("caseNumberPrefix").asText());
        assertEquals("seed", announced.get(0).path("data").path("onboardedBy").asText());
        assertEquals(
                List.of("TLEGACY", 0L),
                db.read(() -> List.of(
                        entityManager
                                .createNativeQuery("select case_number_prefix from organisation where code = :c")
                                .setParameter("c", CODE)
                                .getSingleResult(),
                        ((Number) entityManager
                                        .createNativeQuery("select count(*) from person where organisation = :c")
                                        .setParameter("c", CODE)
                                        .getSingleResult())
                                .longValue())));
        assertEquals(
                List.of("ORGANISATION_ONBOARDED"),
                trail.entries(Organisation.of(CODE), null, 10).stream()
                        .map(e -> e.action())
                        .toList());
    }
}
