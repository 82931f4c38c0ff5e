package jp.horenso.escalation.seed;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.service.DirectoryPublisher;
import jp.horenso.escalation.onboarding.service.OnboardingService;
import jp.horenso.escalation.onboarding.service.OnboardingService.SeedOutcome;
import org.jboss.logging.Logger;

/**
 * Onboards the configured seed files' organisations at start-up, before the Kafka consumers start, through the same
 * {@link OnboardingService} as a runtime onboarding (so a seeded organisation publishes OrganisationOnboarded too,
 * by {@code seed}); an organisation already in the database has its directory published again (DirectoryPublished).
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final OnboardingService onboarding;
    private final DirectoryPublisher publisher;
    private final EscalationConfig config;

    public SeedLoader(OnboardingService onboarding, DirectoryPublisher publisher, EscalationConfig config) {
        this.onboarding = onboarding;
        this.publisher = publisher;
        this.config = config;
    }

    // SmallRye Reactive Messaging starts the consumers at LIBRARY_BEFORE: the first report must find its
    // organisation.
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        for (String file : config.seedFiles().orElse(List.of())) {
            SeedOutcome outcome = onboarding.seed(file, read(file));
            if (!outcome.onboarded()) {
                LOG.debugf("organisation %s already in the database; %s not loaded", outcome.organisation(), file);
                // At every later start too: a service that keeps a projection of the units (and missed the first
                // one, or was reset) gets the directory as it stands.
                publisher.publish(outcome.organisation());
            }
        }
    }

    static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed file " + resource + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("seed file " + resource + " unreadable", e);
        }
    }
}
