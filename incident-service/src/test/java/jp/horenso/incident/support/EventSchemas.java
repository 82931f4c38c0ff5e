package jp.horenso.incident.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Set;

/** Checks events against the one written contract in {@code docs/events/schemas/}. */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** Fails the test unless {@code json} is a valid {@code eventName} event. */
    public static void assertValid(String eventName, String json) {
        Set<ValidationMessage> errors = schema(eventName).validate(json,
                com.networknt.schema.InputFormat.JSON);
        assertTrue(errors.isEmpty(), eventName + " does not match its schema: " + errors + "\n" + json);
    }

    /** Whether {@code json} is a valid {@code eventName} event. */
    public static boolean isValid(String eventName, String json) {
        return schema(eventName).validate(json, com.networknt.schema.InputFormat.JSON).isEmpty();
    }

    private static JsonSchema schema(String eventName) {
        Path file = repoRoot().resolve("docs/events/schemas/" + eventName + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return FACTORY.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema for " + eventName + " at " + file, e);
        }
    }

    static Path repoRoot() {
        String root = System.getProperty("horenso.repo.root");
        Path path = root != null && !root.isBlank() ? Path.of(root) : Path.of("..");
        if (!Files.isDirectory(path.resolve("docs/events"))) {
            path = Path.of("..");
        }
        return path.toAbsolutePath().normalize();
    }
}
