package jp.horenso.notification.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks events against the shared contract in {@code docs/events/schemas}, formats included. */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Fails unless {@code event} is a valid {@code eventName} (e.g. {@code NotificationDelivered}). */
    public static void assertValid(String eventName, JsonNode event) {
        Set<ValidationMessage> errors = SCHEMAS.computeIfAbsent(eventName, EventSchemas::load).validate(event);
        assertTrue(errors.isEmpty(), eventName + " does not match its schema: " + errors + "\n" + event);
    }

    /** The schema file of {@code eventName} as JSON, to read what the contract lists (e.g. an enum). */
    public static JsonNode read(String eventName) {
        Path file = schemaDirectory().resolve(eventName + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonSchema load(String eventName) {
        Path file = schemaDirectory().resolve(eventName + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path schemaDirectory() {
        Path fromBuild = Path.of(System.getProperty("horenso.repo.root", ".."), "docs/events/schemas");
        return Files.isDirectory(fromBuild) ? fromBuild : Path.of("..", "docs/events/schemas");
    }
}
