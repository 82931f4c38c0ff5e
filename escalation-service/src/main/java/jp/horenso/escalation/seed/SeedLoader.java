package jp.horenso.escalation.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.service.DirectoryPublisher;
import org.jboss.logging.Logger;

/**
 * Loads the configured seed files at start-up, before the Kafka consumers start, and publishes each seeded
 * organisation's directory (DirectoryPublished).
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final OrganisationSeeder seeder;
    private final DirectoryPublisher publisher;
    private final EscalationConfig config;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            // A misspelt key in a seed must fail loudly, not be dropped.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SeedLoader(OrganisationSeeder seeder, DirectoryPublisher publisher, EscalationConfig config) {
        this.seeder = seeder;
        this.publisher = publisher;
        this.config = config;
    }

    // SmallRye Reactive Messaging starts the consumers at LIBRARY_BEFORE: the first report must find its
    // organisation.
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        for (String file : config.seedFiles().orElse(List.of())) {
            SeedDocument seed = read(file);
            if (!seeder.seed(seed)) {
                LOG.debugf(
                        "organisation %s already in the database; %s not loaded",
                        seed.organisation().code(), file);
            }
            // At every start, not only the first: a service that keeps a projection of the units (and missed
            // the first one, or was reset) gets the directory as it stands.
            publisher.publish(seed.organisation().code());
        }
    }

    SeedDocument read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed file " + resource + " not on the classpath");
            }
            return yaml.readValue(in, SeedDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("seed file " + resource + " unreadable", e);
        }
    }
}
