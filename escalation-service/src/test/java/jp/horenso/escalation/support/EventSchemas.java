package jp.horenso.escalation.support;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The event contract of docs/events/schemas, to check every event the tests send or receive. */
public final class EventSchemas {

    private static final String PREFIX = "jp.horenso.";
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (uuid, date-time, email) are only annotations in 2020-12 unless asserted.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private EventSchemas() {
    }

    /** What is wrong with {@code event} by the schema of its {@code type}; empty when it is valid. */
    public static List<String> problems(JsonNode event) {
        String type = event.path("type").asText("");
        if (!type.startsWith(PREFIX)) {
            return List.of("type " + type + " is not a Horenso event");
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(type.substring(PREFIX.length()), EventSchemas::load);
        return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Fails when {@code event} breaks the contract. */
    public static void assertValid(JsonNode event) {
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            throw new AssertionError("event breaks docs/events/schemas: " + problems + "\n" + event.toPrettyString());
        }
    }

    private static JsonSchema load(String eventName) {
        Path file = schemaDirectory().resolve(eventName + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema for " + eventName + " at " + file, e);
        }
    }

    private static Path schemaDirectory() {
        Path root = Path.of(System.getProperty("horenso.repo.root", ".."));
        return root.resolve("docs/events/schemas").toAbsolutePath().normalize();
    }
}
