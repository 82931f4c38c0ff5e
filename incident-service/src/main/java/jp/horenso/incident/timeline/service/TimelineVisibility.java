package jp.horenso.incident.timeline.service;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.rest.TimelineEntryView;
import jp.horenso.platform.security.Caller;

/**
 * Who sees which timeline entry (issue 12; the table is in the module README). The trail itself is complete for
 * everyone who verifies or exports it (CSIRT, security lead, CISO, vice-CISO, auditor); the case view shows each
 * caller the part their role needs:
 *
 * <ul>
 *   <li>{@link Audience#FULL} — CSIRT, security lead, CISO, vice-CISO, auditor: every entry with every detail;
 *   <li>{@link Audience#UNIT} — a section chief or department head on a case of their section or department, and the
 *       committee on a case reported to it: every entry (response steps included) but no delivery error text;
 *   <li>{@link Audience#REPORTER} — the reporter who reviews nothing of the case (staff): the report's progress only
 *       (reported, chain started, hops opened, acknowledged, timed out, escalated, cancelled, chain stopped, unit
 *       changed, withdrawn, closed), their own acknowledgement comments; no evidence, response actions, deliveries,
 *       legal duties, severity, CISO review, committee, disclosure or document entries.
 * </ul>
 */
public final class TimelineVisibility {

    /** How much of a case's timeline a caller sees. */
    public enum Audience {
        FULL,
        UNIT,
        REPORTER
    }

    /** The entries that make the report's progress, shown to its reporter. */
    private static final Set<TimelineType> PROGRESS = EnumSet.of(
            TimelineType.REPORTED,
            TimelineType.CHAIN_STARTED,
            TimelineType.HOP_OPENED,
            TimelineType.HOP_ACKNOWLEDGED,
            TimelineType.ACKNOWLEDGED,
            TimelineType.HOP_TIMED_OUT,
            TimelineType.ESCALATED,
            TimelineType.HOP_CANCELLED,
            TimelineType.CHAIN_STOPPED,
            TimelineType.UNIT_CHANGED,
            TimelineType.WITHDRAWN,
            TimelineType.CLOSED);

    /** Progress entries whose details are chain or CISO-review internals: the reporter sees only that they happened. */
    private static final Set<TimelineType> WITHOUT_DETAILS_FOR_REPORTER =
            EnumSet.of(TimelineType.CHAIN_STARTED, TimelineType.CLOSED);

    private TimelineVisibility() {}

    /** How much of {@code incident}'s timeline {@code caller} (who may see the case) sees. */
    public static Audience of(Caller caller, Incident incident) {
        if (Roles.seesWholeOrganisation(caller)) {
            return Audience.FULL;
        }
        boolean chiefOfUnit = caller.hasRole(Roles.SECTION_CHIEF) && Objects.equals(caller.unit(), incident.unit());
        boolean headOfDepartment =
                caller.hasRole(Roles.DEPARTMENT_HEAD) && Objects.equals(caller.department(), incident.department());
        boolean committee = caller.hasRole(Roles.COMMITTEE) && incident.committeeReportedAt() != null;
        return chiefOfUnit || headOfDepartment || committee ? Audience.UNIT : Audience.REPORTER;
    }

    /** The part of {@code timeline} that {@code caller} sees. */
    public static List<TimelineEntryView> filter(Caller caller, Incident incident, List<TimelineEntryView> timeline) {
        return switch (of(caller, incident)) {
            case FULL -> timeline;
            case UNIT ->
                timeline.stream().map(TimelineVisibility::withoutDeliveryError).toList();
            case REPORTER ->
                timeline.stream()
                        .filter(e -> PROGRESS.contains(e.type()))
                        .map(e -> forReporter(caller, e))
                        .toList();
        };
    }

    private static TimelineEntryView withoutDeliveryError(TimelineEntryView e) {
        if (e.type() != TimelineType.NOTIFICATION_FAILED || e.details() == null) {
            return e;
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.remove("error");
        return new TimelineEntryView(e.type(), e.at(), e.actor(), details);
    }

    private static TimelineEntryView forReporter(Caller caller, TimelineEntryView e) {
        if (e.details() == null) {
            return e;
        }
        if (WITHOUT_DETAILS_FOR_REPORTER.contains(e.type())) {
            return new TimelineEntryView(e.type(), e.at(), e.actor(), Map.of());
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        if (e.type() == TimelineType.ACKNOWLEDGED && !caller.username().equals(e.actor())) {
            // Another person's comment is theirs and the CSIRT's; the reporter sees that it was acknowledged.
            details.remove("comment");
        }
        return new TimelineEntryView(e.type(), e.at(), e.actor(), details);
    }
}
