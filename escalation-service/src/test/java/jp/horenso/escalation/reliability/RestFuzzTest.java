package jp.horenso.escalation.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import jp.horenso.escalation.support.ReportedCase;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.localstack.testing.RestFuzzer;
import jp.horenso.localstack.testing.TableFingerprints;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: every operation of the service's OpenAPI document, called with malformed bodies, headers, path and
 * query parameters, answers 4xx {@code application/problem+json} in the language asked for, never 5xx, and stores
 * nothing. The module's tests take their identities from {@code @TestSecurity} (docs/testing.md), so each role
 * gets its own share of the requests; the anonymous share is refused. The timers are paused meanwhile, so that
 * nothing but the requests could change a table. Seeded (the seed is printed); a larger run:
 * {@code -Dfuzz.requests=10000} (per role), another seed: {@code -Dfuzz.seed=…}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class RestFuzzTest {

    private static ReportedCase reported;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void pauseTimers() {
        if (reported == null) {
            reported = ReportedCase.generalAffairs();
        }
        scheduler.pause(TimerJobs.HOPS);
        scheduler.pause(TimerJobs.LEGAL);
        scheduler.pause(TimerJobs.RESPONSE_ACTIONS);
    }

    @AfterEach
    void resumeTimers() {
        scheduler.resume(TimerJobs.HOPS);
        scheduler.resume(TimerJobs.LEGAL);
        scheduler.resume(TimerJobs.RESPONSE_ACTIONS);
    }

    @Test
    @TestSecurity(
            user = "seclead",
            roles = "security-lead",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-city"),
                @SecurityAttribute(key = "unit", value = "information-policy"),
                @SecurityAttribute(key = "department", value = "general-affairs")
            })
    void asTheSecurityLeadMalformedRequestsAreRefusedAsProblemsAndStoreNothing() throws Exception {
        fuzz("seclead", 14_101L, 3000);
    }

    @Test
    @TestSecurity(
            user = "staff1",
            roles = "staff",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-city"),
                @SecurityAttribute(key = "unit", value = "general-affairs-section"),
                @SecurityAttribute(key = "department", value = "general-affairs")
            })
    void asStaffMalformedRequestsAreRefusedAsProblemsAndStoreNothing() throws Exception {
        fuzz("staff1", 14_102L, 1000);
    }

    @Test
    @TestSecurity(
            user = "gikai-csirt1",
            roles = "csirt",
            attributes = {
                @SecurityAttribute(key = "organisation", value = "demo-gikai"),
                @SecurityAttribute(key = "unit", value = "gikai-general"),
                @SecurityAttribute(key = "department", value = "gikai-secretariat")
            })
    void asTheCouncilsCsirtMalformedRequestsAreRefusedAsProblemsAndStoreNothing() throws Exception {
        fuzz("gikai-csirt1", 14_103L, 1000);
    }

    @Test
    @TestSecurity(user = "horenso-admin", roles = "installation-admin")
    void asTheInstallationAdministratorMalformedRequestsAreRefusedAsProblemsAndStoreNothing() throws Exception {
        fuzz("horenso-admin", 14_104L, 1000);
    }

    @Test
    void withoutAnIdentityEveryRequestIsRefusedAsAProblem() throws Exception {
        fuzz(null, 14_105L, 1000);
    }

    private void fuzz(String caller, long seed, int requests) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (TableFingerprints stored = TableFingerprints.of(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("horenso.test.owner-username", String.class),
                config.getValue("horenso.test.owner-password", String.class),
                Set.of(),
                // The relay marks outbox rows published: compared by count.
                Set.of("outbox_event"))) {
            RestFuzzer fuzzer = RestFuzzer.against("escalation-service", URI.create(base.toString()))
                    .seed(seed)
                    .requests(requests)
                    .known("incidentId", reported.id().toString())
                    .known("organisation", "demo-city", "demo-gikai")
                    .known("code", "demo-city", "demo-gikai")
                    .known("version", "1")
                    .state(stored);
            if (caller == null) {
                fuzzer.intruder("no identity", null).intruder("garbage token", "Bearer not.a.token");
            } else {
                fuzzer.caller(caller, null);
            }
            RestFuzzer.Report report = fuzzer.run();
            System.out.println(report.details());
            report.assertClean();
            assertTrue(report.refused() >= report.total() * 0.6, "mostly malformed: " + report.summary());
        }
    }
}
