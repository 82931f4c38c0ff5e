package jp.horenso.incident.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.RestFuzzer;
import jp.horenso.localstack.testing.TableFingerprints;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: every operation of the service's OpenAPI document, called with malformed bodies, headers, path and
 * query parameters by the demo city's and the council's people and by callers without a valid token, answers 4xx
 * {@code application/problem+json} in the language asked for, never 5xx, and stores nothing. Seeded (the seed is
 * printed); a larger run: {@code -Dfuzz.requests=50000}, another seed: {@code -Dfuzz.seed=…}.
 */
@QuarkusTest
class RestFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Scheduler scheduler;

    @Test
    void malformedRequestsToEveryEndpointAreRefusedAsProblemsAndStoreNothing() throws Exception {
        Organisations.onboardDemoGikai();
        String staffCase = Reports.file(Tokens.staff1());
        String gikaiCase = Reports.file(Tokens.gikaiStaff());
        Config config = ConfigProvider.getConfig();
        // The tally fold, the trail sealer and the KPI months wait meanwhile: only the requests may write.
        scheduler.pause();
        try (TableFingerprints stored = TableFingerprints.of(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("horenso.test.owner-username", String.class),
                config.getValue("horenso.test.owner-password", String.class),
                // Changed by jobs on their own: the tally fold, the trail sealer, the KPI months.
                Set.of(
                        "incident_tally",
                        "incident_tally_change",
                        "timeline_seal",
                        "timeline_seal_head",
                        "kpi_month",
                        "kpi_month_figure",
                        "kpi_month_version"),
                // The relay marks outbox rows published: compared by count.
                Set.of("outbox_event"))) {
            RestFuzzer.Report report = RestFuzzer.against("incident-service", URI.create(base.toString()))
                    .seed(14_001L)
                    .requests(3500)
                    .caller("staff1", "Bearer " + Tokens.staff1())
                    .caller("chief1", "Bearer " + Tokens.chief1())
                    .caller("head1", "Bearer " + Tokens.head1())
                    .caller("seclead", "Bearer " + Tokens.seclead())
                    .caller("csirt1", "Bearer " + Tokens.csirt1())
                    .caller("ciso", "Bearer " + Tokens.ciso())
                    .caller("auditor", "Bearer " + Tokens.auditor())
                    .caller("gikai-csirt1", "Bearer " + Tokens.gikaiCsirt())
                    .caller("horenso-admin", "Bearer " + Tokens.installationAdmin())
                    .intruder("no token", null)
                    .intruder("other audience", "Bearer " + Tokens.staff1ForAnotherAudience())
                    .intruder("garbage token", "Bearer not.a.token")
                    .intruder("basic", "Basic c3RhZmYxOnN0YWZmMQ==")
                    .known("id", staffCase, gikaiCase)
                    .known("incidentId", staffCase, gikaiCase)
                    .known("organisation", "demo-city", "demo-gikai")
                    .state(stored)
                    .run();
            System.out.println(report.details());
            report.assertClean();
            assertTrue(report.refused() >= report.total() * 0.8, "mostly malformed: " + report.summary());
        } finally {
            scheduler.resume();
        }
    }
}
