package jp.horenso.incident.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.platform.events.IncomingEvent;

/**
 * The test application's seed (test sources only): デモ市 is onboarded at start-up — as escalation-service's seed
 * does in dev and the local stack — so every test can file its cases. Applied through the same projection as the
 * broker's events, with a fixed event id (applied once) and an old time (a later OrganisationOnboarded wins).
 * OrganisationOnboardingTest and CrossOrganisationTest onboard through the real broker.
 */
@ApplicationScoped
public class DemoCitySeed {

    private static final UUID EVENT_ID = UUID.fromString("00000000-0000-4000-8000-00000000c17e");

    void onStart(@Observes StartupEvent start, OrganisationProfiles profiles, ObjectMapper mapper)
            throws JsonProcessingException {
        profiles.apply(
                new IncomingEvent(
                        EVENT_ID,
                        "jp.horenso.OrganisationOnboarded",
                        "/horenso/escalation-service",
                        "demo-city",
                        "demo-city",
                        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        mapper.readTree(Organisations.DEMO_CITY_DATA)),
                "test-seed");
    }
}
