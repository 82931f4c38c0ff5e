package jp.horenso.incident.dashboard.service;

import java.util.List;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.IncidentQuery;

/**
 * What the CSIRT dashboard asks for.
 *
 * @param text words that must all appear in title or description (the case list's Japanese search)
 */
public record DashboardQuery(
        List<Severity> severities,
        List<IncidentState> states,
        List<String> text,
        Drills drills,
        Sort sort,
        int page,
        int size) {

    /** Which cases the page lists: drills (訓練, 第48条) apart by default. */
    public enum Drills {
        EXCLUDE,
        ONLY,
        INCLUDE
    }

    /** The page's order; every order ends with the newest report first. */
    public enum Sort {
        /** Newest report first. */
        REPORTED_AT,
        /** Most severe first. */
        SEVERITY,
        /** The soonest acknowledgement deadline of an open hop first; cases without an open hop after them. */
        DEADLINE
    }

    /** The filters as the case list reads them; drills are decided by the dashboard itself. */
    public IncidentQuery filters() {
        return new IncidentQuery(states, severities, List.of(), null, null, null, null, text, null);
    }
}
