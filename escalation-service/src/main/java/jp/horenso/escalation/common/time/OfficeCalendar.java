package jp.horenso.escalation.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jp.horenso.escalation.config.EscalationConfig;
import org.jboss.logging.Logger;

/**
 * The office's calendar: office hours on working days, which are neither weekends, nor Japanese public holidays
 * (a data file, 振替休日 included), nor the days closed every year (年末年始). Counts a chain step's deadline
 * in office time; legal clocks do not use it (they count calendar days).
 */
@ApplicationScoped
public class OfficeCalendar {

    private static final Logger LOG = Logger.getLogger(OfficeCalendar.class);

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Map<LocalDate, String> holidays;
    private final Set<MonthDay> closedDays;
    /** The last day of the last year the holiday file covers. */
    private final LocalDate coveredUntil;

    private final AtomicBoolean warnedBeyondCalendar = new AtomicBoolean();

    @Inject
    public OfficeCalendar(EscalationConfig config) {
        this(
                config.zone(),
                config.officeHours().start(),
                config.officeHours().end(),
                readHolidays(config.officeHours().holidays()),
                config.officeHours().closedDays().stream()
                        .map(d -> MonthDay.parse("--" + d.trim()))
                        .collect(Collectors.toSet()));
    }

    public OfficeCalendar(
            ZoneId zone, LocalTime opens, LocalTime closes, Map<LocalDate, String> holidays, Set<MonthDay> closedDays) {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("office hours: " + opens + " is not before " + closes);
        }
        this.zone = zone;
        this.opens = opens;
        this.closes = closes;
        this.holidays = Collections.unmodifiableMap(new TreeMap<>(holidays));
        this.closedDays = Set.copyOf(closedDays);
        this.coveredUntil = holidays.isEmpty()
                ? LocalDate.MAX
                : new TreeMap<>(holidays)
                        .lastKey()
                        .withDayOfYear(1)
                        .plusYears(1)
                        .minusDays(1);
    }

    /** The instant {@code officeTime} of office hours after {@code start}. */
    public Instant plusOfficeTime(Instant start, Duration officeTime) {
        Duration remaining = officeTime;
        ZonedDateTime at = nextOpen(start.atZone(zone));
        while (true) {
            ZonedDateTime close = at.toLocalDate().atTime(closes).atZone(zone);
            Duration available = Duration.between(at, close);
            if (remaining.compareTo(available) <= 0) {
                return at.plus(remaining).toInstant();
            }
            remaining = remaining.minus(available);
            at = nextOpen(close);
        }
    }

    /** Whether the office works on {@code date}. */
    public boolean isWorkingDay(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if (closedDays.contains(MonthDay.from(date))) {
            return false;
        }
        if (date.isAfter(coveredUntil) && warnedBeyondCalendar.compareAndSet(false, true)) {
            // Safe side: an unknown holiday counted as a working day makes a deadline earlier, never later.
            LOG.warnf("the holiday calendar ends before %s: add the new year's public holidays", date);
        }
        return !holidays.containsKey(date);
    }

    /** The public holiday on {@code date}, if any (e.g. 振替休日). */
    public String holiday(LocalDate date) {
        return holidays.get(date);
    }

    public Map<LocalDate, String> holidays() {
        return holidays;
    }

    private ZonedDateTime nextOpen(ZonedDateTime at) {
        LocalDate date = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        if (isWorkingDay(date) && !time.isBefore(opens) && time.isBefore(closes)) {
            return at;
        }
        if (isWorkingDay(date) && time.isBefore(opens)) {
            return date.atTime(opens).atZone(zone);
        }
        do {
            date = date.plusDays(1);
        } while (!isWorkingDay(date));
        return date.atTime(opens).atZone(zone);
    }

    /** Reads a {@code date,name} CSV from the classpath; lines starting with # and the header are skipped. */
    public static Map<LocalDate, String> readHolidays(String resource) {
        Map<LocalDate, String> holidays = new TreeMap<>();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("holiday calendar " + resource + " not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("date,")) {
                    continue;
                }
                String[] parts = line.split(",", 2);
                holidays.put(LocalDate.parse(parts[0].strip()), parts.length > 1 ? parts[1].strip() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("holiday calendar " + resource + " unreadable", e);
        }
        return holidays;
    }
}
