package jp.horenso.notification.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.horenso.localstack.testing.EventSchemas;

/**
 * Checks an event against docs/events/schemas. Every Horenso event carries the CloudEvents extension attribute
 * {@code organisation} (docs/events/asyncapi.yaml); a schema that does not list it yet is checked for the rest of the
 * event, and the attribute itself is checked here.
 */
public final class Contract {

    private Contract() {}

    /** Fails unless {@code event} is a valid {@code eventName} event carrying an organisation code. */
    public static void assertValid(String eventName, JsonNode event) {
        String organisation = event.path("organisation").asText("");
        assertTrue(organisation.matches("[a-z0-9][a-z0-9-]{0,62}"), "organisation of " + event);
        if (EventSchemas.read(eventName).path("properties").has("organisation")) {
            EventSchemas.assertValid(eventName, event);
        } else {
            ObjectNode withoutExtension = event.deepCopy();
            withoutExtension.remove("organisation");
            EventSchemas.assertValid(eventName, withoutExtension);
        }
    }
}
