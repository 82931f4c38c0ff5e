package jp.horenso.incident.cases;

/** Where a case stands in its life. */
public enum IncidentState {
    /** Filed; the reporting chain runs. */
    REPORTED
}
