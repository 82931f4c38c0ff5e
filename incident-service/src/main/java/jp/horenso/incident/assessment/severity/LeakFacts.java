package jp.horenso.incident.assessment.severity;

import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.PersonalData;

/** Whether a case is a leak of personal data, the starting point of both the severity and the legal rules. */
public final class LeakFacts {

    private LeakFacts() {}

    /**
     * Personal data was involved, and for a mis-sent mail (第78条) not every copy was confirmed deleted unread.
     */
    public static boolean personalDataLeak(Incident c) {
        PersonalData pd = c.personalData();
        if (pd == null || pd.kinds().isEmpty()) {
            return false;
        }
        return !(c.kind() == IncidentKind.MISSENT_EMAIL && Boolean.TRUE.equals(pd.allCopiesConfirmedDeletedUnread()));
    }
}
