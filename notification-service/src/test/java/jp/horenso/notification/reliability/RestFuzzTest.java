package jp.horenso.notification.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.localstack.testing.RestFuzzer;
import jp.horenso.localstack.testing.TableFingerprints;
import jp.horenso.notification.support.Tokens;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: every operation of the service's OpenAPI document, called with malformed bodies, headers, path and
 * query parameters by the demo city's and the council's people and by callers without a valid token, answers 4xx
 * {@code application/problem+json} in the language asked for, never 5xx, and stores nothing. The scheduled jobs
 * (delivery, inbox push) are paused meanwhile, so that nothing but the requests could change a table. Seeded (the
 * seed is printed); a larger run: {@code -Dfuzz.requests=50000}, another seed: {@code -Dfuzz.seed=…}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class RestFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Scheduler scheduler;

    @Test
    void malformedRequestsToEveryEndpointAreRefusedAsProblemsAndStoreNothing() throws Exception {
        Config config = ConfigProvider.getConfig();
        scheduler.pause();
        try (TableFingerprints stored = TableFingerprints.of(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("horenso.test.owner-username", String.class),
                config.getValue("horenso.test.owner-password", String.class),
                Set.of(),
                // The relay marks outbox rows published: compared by count.
                Set.of("outbox_event"))) {
            RestFuzzer.Report report = RestFuzzer.against("notification-service", URI.create(base.toString()))
                    .seed(14_201L)
                    .requests(3500)
                    .caller("staff1", "Bearer " + Tokens.of("staff1", "staff"))
                    .caller("chief1", "Bearer " + Tokens.of("chief1", "section-chief"))
                    .caller("seclead", "Bearer " + Tokens.of("seclead", "security-lead"))
                    .caller("csirt1", "Bearer " + Tokens.of("csirt1", "csirt"))
                    .caller("auditor", "Bearer " + Tokens.of("auditor", "auditor"))
                    .caller("gikai-csirt1", "Bearer " + Tokens.in(Tokens.GIKAI, "gikai-csirt1", "csirt"))
                    .caller("horenso-admin", "Bearer " + Tokens.installationAdmin())
                    .intruder("no token", null)
                    .intruder(
                            "other audience",
                            "Bearer " + Tokens.withAudience("https://service.example.com", "staff1", "staff"))
                    .intruder("garbage token", "Bearer not.a.token")
                    .intruder("basic", "Basic c3RhZmYxOnN0YWZmMQ==")
                    .known("username", "staff1", "chief1", "seclead")
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
