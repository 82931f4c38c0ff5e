package jp.horenso.publicsite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whom the site serves, by profile, from the application.properties that goes into the jar read as Quarkus reads it:
 * production none until told (the demo organisations only in dev and test), and what a file named by
 * QUARKUS_CONFIG_LOCATIONS lists (Kubernetes' ConfigMap, the local stack's demo file).
 */
class ProductionConfigTest {

    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    @Test
    void productionServesNoOrganisationByDefault_devAndTestServeTheTwoDemoOrganisations() throws IOException {
        assertEquals(Map.of(), served("prod"));
        Map<String, String> demo = Map.of("demo-city", "デモ市 / Demo City", "demo-gikai", "デモ市議会 / Demo City Council");
        assertEquals(demo, served("test"));
        assertEquals(demo, served("dev"));
    }

    @Test
    void productionServesTheOrganisationsOfTheFileItIsGiven() throws IOException {
        Path file = Files.createTempFile("organisations", ".properties");
        try {
            Files.writeString(
                    file,
                    "horenso.public-site.organisations.example-city.ja=例示市\n"
                            + "horenso.public-site.organisations.example-city.en=Example City\n",
                    StandardCharsets.UTF_8);
            assertEquals(Map.of("example-city", "例示市 / Example City"), served("prod", file));
        } finally {
            Files.delete(file);
        }
    }

    private static Map<String, String> served(String profile, Path... locations) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile)
                // Quarkus' own converter ("5s"), as the application has it
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(PROPERTIES.toUri().toURL(), 250))
                .withMapping(PublicSiteConfig.class);
        for (Path location : locations) {
            builder.withSources(new PropertiesConfigSource(location.toUri().toURL(), 260));
        }
        SmallRyeConfig config = builder.build();
        Map<String, String> served = new TreeMap<>();
        config.getConfigMapping(PublicSiteConfig.class)
                .organisations()
                .forEach((code, o) -> served.put(code, o.ja() + " / " + o.en()));
        return served;
    }
}
