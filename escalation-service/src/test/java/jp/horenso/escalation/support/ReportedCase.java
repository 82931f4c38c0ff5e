package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** A case whose report the service has taken in (its chain started), with the case number the report carried. */
public record ReportedCase(UUID id, String number) {

    /** Sends the report and waits for the ChainStarted it causes. */
    public static ReportedCase started(ObjectNode report) {
        UUID incident = UUID.fromString(report.path("subject").asText());
        IncidentEvents.send(report);
        EscalationEventLog.get().await(incident, "ChainStarted", 1);
        return new ReportedCase(incident, report.path("data").path("number").asText());
    }

    /** A staff member's report from the General Affairs Section (総務課) of demo-city, started. */
    public static ReportedCase generalAffairs() {
        return started(IncidentEvents.staffReport(UUID.randomUUID()));
    }

    /** A staff member's report from the Welfare Section (福祉課) of demo-city, started. */
    public static ReportedCase welfare(boolean drill) {
        return started(IncidentEvents.reported(
                UUID.randomUUID(), "staff2", "welfare-section", "welfare", List.of("staff"), drill));
    }
}
