package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** Small readers for the JSON of received events, to keep assertions short. */
public final class Events {

    private Events() {}

    /** The CloudEvent types in order. */
    public static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    /** {@code data.<field>} of each event, in order. */
    public static List<String> data(List<JsonNode> events, String field) {
        return events.stream().map(e -> e.path("data").path(field).asText()).toList();
    }

    /** "STEP/username" of each event's {@code data}, sorted, e.g. {@code [DEPARTMENT_HEAD/head1, ...]}. */
    public static List<String> stepsAndRecipients(List<JsonNode> events) {
        return events.stream()
                .map(e -> e.path("data").path("step").asText() + "/"
                        + e.path("data").path("recipient").path("username").asText())
                .sorted()
                .collect(Collectors.toList());
    }

    /** {@code field} of each element of a JSON array, sorted. */
    public static List<String> sorted(JsonNode array, String field) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values.stream().sorted().toList();
    }
}
