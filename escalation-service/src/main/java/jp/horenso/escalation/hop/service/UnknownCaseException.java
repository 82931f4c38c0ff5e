package jp.horenso.escalation.hop.service;

import java.util.UUID;

/**
 * An event about a case no chain runs for here (its report was dead-lettered, e.g. for an organisation without
 * a chain). The event goes to the dead-letter topic too, to be replayed after the report.
 */
public class UnknownCaseException extends RuntimeException {

    public UnknownCaseException(UUID incidentId, String event) {
        super(event + " for case " + incidentId + ", for which no chain runs");
    }
}
