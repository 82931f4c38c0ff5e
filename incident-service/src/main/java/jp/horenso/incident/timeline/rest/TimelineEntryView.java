package jp.horenso.incident.timeline.rest;

import java.time.OffsetDateTime;
import java.util.Map;
import jp.horenso.incident.common.time.StoredTime;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;

/** A timeline entry as the API shows it. */
public record TimelineEntryView(TimelineType type, OffsetDateTime at, String actor, Map<String, Object> details) {

    /** The entry as read back: its time as {@code GET} shows it, also for an entry in hand ({@link StoredTime}). */
    public static TimelineEntryView of(TimelineEntry e) {
        return new TimelineEntryView(e.type(), StoredTime.read(e.at()), e.actor(), e.details());
    }
}
