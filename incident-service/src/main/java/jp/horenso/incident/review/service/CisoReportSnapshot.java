package jp.horenso.incident.review.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.TreeSet;
import jp.horenso.incident.response.ResponseAction;

/** Reads what a frozen CISO report says about its recurrence-prevention measures. */
final class CisoReportSnapshot {

    private CisoReportSnapshot() {}

    /** Whoever wrote a recurrence-prevention measure of the snapshot (cancelled ones too: they still wrote it). */
    static TreeSet<String> measureAuthors(JsonNode snapshot) {
        TreeSet<String> authors = new TreeSet<>();
        for (JsonNode a : snapshot.path("responseActions")) {
            if (ResponseAction.Kind.RECURRENCE_PREVENTION
                    .name()
                    .equals(a.path("kind").asText())) {
                authors.add(a.path("createdBy").asText());
            }
        }
        return authors;
    }

    static long measuresInForce(JsonNode snapshot) {
        long n = 0;
        for (JsonNode a : snapshot.path("responseActions")) {
            if (inForceRecurrencePrevention(a)) {
                n++;
            }
        }
        return n;
    }

    static boolean inForceRecurrencePrevention(JsonNode a) {
        return ResponseAction.Kind.RECURRENCE_PREVENTION
                        .name()
                        .equals(a.path("kind").asText())
                && !ResponseAction.Status.CANCELLED
                        .name()
                        .equals(a.path("status").asText());
    }
}
