package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jp.horenso.localstack.testing.EventSchemas;

/**
 * The event contract as this round states it: every event carries the envelope attribute {@code organisation}
 * (asyncapi.yaml, issue 12), checked here, and the rest is checked against its schema by the shared
 * {@link EventSchemas}. A schema that does not declare the attribute yet (the per-event schemas are updated with
 * the envelope at merge) is held against the event without it, so the data is still checked in full.
 */
public final class Contract {

    private static final Pattern ORGANISATION_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String PREFIX = "jp.horenso.";
    private static final Map<String, Boolean> DECLARES_ORGANISATION = new ConcurrentHashMap<>();

    private Contract() {}

    /** What is wrong with {@code event}; empty when it keeps the contract. */
    public static List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        String organisation = event.path("organisation").asText("");
        if (!ORGANISATION_CODE.matcher(organisation).matches()) {
            problems.add("envelope attribute organisation missing or not an organisation code: '" + organisation + "'");
        }
        String type = event.path("type").asText("");
        JsonNode checked = event;
        if (type.startsWith(PREFIX) && event.isObject() && !declaresOrganisation(type.substring(PREFIX.length()))) {
            checked = ((ObjectNode) event).deepCopy().without("organisation");
        }
        problems.addAll(EventSchemas.problems(checked));
        return problems;
    }

    /** Fails when {@code event} breaks the contract. */
    public static void assertValid(JsonNode event) {
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    event.path("type").asText() + " breaks the contract: " + problems + "\n" + event.toPrettyString());
        }
    }

    private static boolean declaresOrganisation(String eventName) {
        return DECLARES_ORGANISATION.computeIfAbsent(eventName, name -> {
            try {
                return EventSchemas.read(name).path("properties").has("organisation");
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
