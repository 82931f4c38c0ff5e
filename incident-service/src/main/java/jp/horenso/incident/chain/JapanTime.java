package jp.horenso.incident.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times the console shows are written in Japan time with their offset (RFC 3339, e.g. 2026-12-06T19:30:00+09:00). */
public final class JapanTime {

    /** Japan Standard Time: months of the KPIs are cut at midnight here. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private JapanTime() {
    }

    public static OffsetDateTime of(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(ZONE).toOffsetDateTime();
    }

    /** A timestamp as a native query returns it (OffsetDateTime, Instant or Timestamp, by driver and version). */
    public static OffsetDateTime of(Object value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof Timestamp t) {
            instant = t.toInstant();
        } else if (value instanceof java.time.ZonedDateTime z) {
            instant = z.toInstant();
        } else {
            throw new IllegalArgumentException("not a time: " + value.getClass());
        }
        return instant.atZone(ZONE).toOffsetDateTime();
    }
}
