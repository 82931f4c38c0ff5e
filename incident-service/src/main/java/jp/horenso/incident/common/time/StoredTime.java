package jp.horenso.incident.common.time;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A time as PostgreSQL keeps a {@code timestamptz} and gives it back: to the microsecond, as an instant (UTC). What a
 * service writes and then shows without reading it back goes through here, so that it shows what a later read
 * shows (issue 13: the filing's {@code 201} is built from what it wrote).
 */
public final class StoredTime {

    private StoredTime() {}

    /** {@code time} cut to the microsecond, as it is written: what is stored is then exactly what was in hand. */
    public static OffsetDateTime kept(OffsetDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code time} as a read from the database gives it: to the microsecond, in UTC. */
    public static OffsetDateTime read(OffsetDateTime time) {
        return time == null ? null : kept(time).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
