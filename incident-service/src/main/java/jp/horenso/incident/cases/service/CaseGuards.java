package jp.horenso.incident.cases.service;

import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.platform.problem.ProblemException;

/** The rule every change of a case record follows: a withdrawn case, like a closed one, no longer changes. */
public final class CaseGuards {

    private CaseGuards() {}

    /** 409 when the CSIRT withdrew the case (a report filed by mistake). */
    public static void requireNotWithdrawn(Incident c) {
        if (c.state() == IncidentState.WITHDRAWN) {
            throw new ProblemException(409, "incident.withdrawn", c.number());
        }
    }

    /** 409 when the case is withdrawn or closed. */
    public static void requireOpen(Incident c) {
        requireNotWithdrawn(c);
        if (c.state() == IncidentState.CLOSED) {
            throw new ProblemException(409, "incident.closed", c.number());
        }
    }
}
