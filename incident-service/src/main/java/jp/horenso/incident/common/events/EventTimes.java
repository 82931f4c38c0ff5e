package jp.horenso.incident.common.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes times into events as RFC 3339 {@code date-time}, seconds always included: {@code OffsetDateTime.toString()}
 * drops zero seconds ("09:00+09:00"), which the contract's schemas and other services refuse.
 */
public final class EventTimes {

    private EventTimes() {
    }

    public static String format(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
