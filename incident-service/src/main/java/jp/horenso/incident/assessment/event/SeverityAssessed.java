package jp.horenso.incident.assessment.event;

import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.Severity;

/** The case's severity was computed anew or overridden by the CSIRT. */
public record SeverityAssessed(
        UUID incidentId,
        Severity severity,
        Severity computedSeverity,
        boolean overridden,
        List<Reason> reasons,
        String assessedBy,
        boolean drill) {

    public static final String NAME = "SeverityAssessed";

    /** One rule of docs/severity.md that applied, with the level it asks for. */
    public record Reason(String rule, Severity level) {}
}
