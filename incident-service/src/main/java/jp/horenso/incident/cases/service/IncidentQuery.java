package jp.horenso.incident.cases.service;

import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;

/**
 * What a list, count or statistics request asks for; every part is optional.
 *
 * @param from reported at or after
 * @param to reported before
 * @param legalDueBefore cases with a running legal clock whose next report is due before this time
 * @param text words that must all appear in title or description
 * @param drill null: both; true: only drills; false: no drills
 */
public record IncidentQuery(
        List<IncidentState> states,
        List<Severity> severities,
        List<IncidentKind> kinds,
        String unit,
        OffsetDateTime from,
        OffsetDateTime to,
        OffsetDateTime legalDueBefore,
        List<String> text,
        Boolean drill) {

    /** The same query without drills: statistics never count exercises (第48条). */
    public IncidentQuery withoutDrills() {
        return new IncidentQuery(states, severities, kinds, unit, from, to, legalDueBefore, text, Boolean.FALSE);
    }
}
