package jp.horenso.incident.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import jp.horenso.platform.time.DatabaseClock;

/**
 * This service's one clock, and how it writes times: in Japan time with their offset (RFC 3339, e.g.
 * 2026-12-06T19:30:00+09:00). {@link #now()} is the platform's {@link DatabaseClock#transactionTime()} (PostgreSQL's
 * {@code now()}, the instant every replica agrees on) — the same instant for every step of one change.
 */
@ApplicationScoped
public class JapanTime {

    /** Japan Standard Time: months of the KPIs are cut at midnight here. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private final DatabaseClock clock;

    public JapanTime(DatabaseClock clock) {
        this.clock = clock;
    }

    /**
     * The time of the current change in Japan time: the database transaction's time, which the platform's clock asks
     * once per transaction (outside one, the time of the statement).
     */
    public OffsetDateTime now() {
        return of(clock.transactionTime());
    }

    /** Today's date in Japan. */
    public LocalDate today() {
        return now().toLocalDate();
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
        } else if (value instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else {
            throw new IllegalArgumentException("not a time: " + value.getClass());
        }
        return instant.atZone(ZONE).toOffsetDateTime();
    }

    /**
     * A time as written into timeline details, RFC 3339 with seconds always: {@code OffsetDateTime.toString()} drops
     * zero seconds ("09:00+09:00"), which the schemas and other services refuse.
     */
    public static String format(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
