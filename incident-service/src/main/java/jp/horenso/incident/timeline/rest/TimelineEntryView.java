package jp.horenso.incident.timeline.rest;

import java.time.OffsetDateTime;
import java.util.Map;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;

/** A timeline entry as the API shows it. */
public record TimelineEntryView(TimelineType type, OffsetDateTime at, String actor, Map<String, Object> details) {

    public static TimelineEntryView of(TimelineEntry e) {
        return new TimelineEntryView(e.type(), e.at(), e.actor(), e.details());
    }
}
