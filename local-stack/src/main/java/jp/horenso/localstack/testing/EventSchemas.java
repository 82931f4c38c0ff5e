package jp.horenso.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
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

/**
 * The event contract of {@code docs/events/schemas}, formats included: every service's tests check each event they
 * send or receive with it. Written once here, next to the other test support of the services.
 */
public final class EventSchemas {

    private static final String PREFIX = "jp.horenso.";
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (uuid, date-time, email) are only annotations in 2020-12 unless asserted.
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventSchemas() {}

    /** What is wrong with {@code event} by the schema of its {@code type}; empty when it is valid. */
    public static List<String> problems(JsonNode event) {
        String type = event.path("type").asText("");
        if (!type.startsWith(PREFIX)) {
            return List.of("type " + type + " is not a Horenso event");
        }
        return messages(schema(type.substring(PREFIX.length())).validate(event));
    }

    /** Fails when {@code event} breaks the schema of its own {@code type}. */
    public static void assertValid(JsonNode event) {
        fail(problems(event), event.path("type").asText(""), event.toPrettyString());
    }

    /** Fails unless {@code event} is a valid {@code eventName} event (e.g. {@code NotificationDelivered}). */
    public static void assertValid(String eventName, JsonNode event) {
        fail(messages(schema(eventName).validate(event)), eventName, event.toString());
    }

    /** Fails unless {@code json} is a valid {@code eventName} event. */
    public static void assertValid(String eventName, String json) {
        fail(messages(schema(eventName).validate(json, InputFormat.JSON)), eventName, json);
    }

    /** Whether {@code json} is a valid {@code eventName} event. */
    public static boolean isValid(String eventName, String json) {
        return schema(eventName).validate(json, InputFormat.JSON).isEmpty();
    }

    /** The schema file of {@code eventName} as JSON, to read what the contract lists (e.g. an enum). */
    public static JsonNode read(String eventName) {
        Path file = schemaDirectory().resolve(eventName + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void fail(List<String> problems, String eventName, String event) {
        if (!problems.isEmpty()) {
            throw new AssertionError(eventName + " breaks docs/events/schemas: " + problems + "\n" + event);
        }
    }

    private static List<String> messages(java.util.Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema schema(String eventName) {
        return SCHEMAS.computeIfAbsent(eventName, name -> {
            Path file = schemaDirectory().resolve(name + ".schema.json");
            try (InputStream in = Files.newInputStream(file)) {
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException("no schema for " + name + " at " + file, e);
            }
        });
    }

    /** {@code docs/events/schemas} of the repository (the build passes {@code horenso.repo.root}). */
    private static Path schemaDirectory() {
        Path fromBuild = Path.of(System.getProperty("horenso.repo.root", ".."), "docs/events/schemas");
        return (Files.isDirectory(fromBuild) ? fromBuild : Path.of("..", "docs/events/schemas"))
                .toAbsolutePath()
                .normalize();
    }
}
