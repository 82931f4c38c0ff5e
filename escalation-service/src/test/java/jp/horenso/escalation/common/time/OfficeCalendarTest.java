package jp.horenso.escalation.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Office hours on the Japanese public-holiday calendar (data file), for office-hours chain steps. */
class OfficeCalendarTest {

    private static final Map<LocalDate, String> HOLIDAYS =
            OfficeCalendar.readHolidays("calendar/jp-public-holidays.csv");
    private static final OfficeCalendar CALENDAR = new OfficeCalendar(
            ZoneId.of("Asia/Tokyo"),
            LocalTime.of(8, 30),
            LocalTime.of(17, 15),
            HOLIDAYS,
            Set.of(
                    MonthDay.of(12, 29),
                    MonthDay.of(12, 30),
                    MonthDay.of(12, 31),
                    MonthDay.of(1, 2),
                    MonthDay.of(1, 3)));

    @Test
    void calendarHasTheSubstituteHolidaysAndTheCitizensHoliday() {
        assertEquals("振替休日", HOLIDAYS.get(LocalDate.of(2026, 5, 6)), "憲法記念日 2026-05-03 is a Sunday");
        assertEquals("振替休日", HOLIDAYS.get(LocalDate.of(2027, 3, 22)), "春分の日 2027-03-21 is a Sunday");
        assertEquals("国民の休日", HOLIDAYS.get(LocalDate.of(2026, 9, 22)), "between 敬老の日 and 秋分の日");
        assertEquals(
                18, HOLIDAYS.keySet().stream().filter(d -> d.getYear() == 2026).count());
        assertEquals(
                17, HOLIDAYS.keySet().stream().filter(d -> d.getYear() == 2027).count());
    }

    @Test
    void everyHolidayOnASundayIsFollowedByASubstituteHoliday() {
        // 祝日法第3条第2項: the next day that is not a holiday is a holiday.
        for (LocalDate holiday : HOLIDAYS.keySet()) {
            if (holiday.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate next = holiday.plusDays(1);
                while (HOLIDAYS.containsKey(next) && !HOLIDAYS.get(next).equals("振替休日")) {
                    next = next.plusDays(1);
                }
                assertEquals("振替休日", HOLIDAYS.get(next), "after " + holiday);
            }
        }
    }

    @Test
    void officeTimeSkipsTheWeekendAndGoldenWeek() {
        // Friday 2026-05-01 17:00: 15 minutes left that day; 5/2-5/6 are a weekend and holidays.
        assertEquals(
                at("2026-05-07T08:45:00+09:00"),
                CALENDAR.plusOfficeTime(at("2026-05-01T17:00:00+09:00"), Duration.ofMinutes(30)));
    }

    @Test
    void officeTimeSkipsTheYearEndClosure() {
        // Monday 2026-12-28 17:00; 12/29-1/3 closed (年末年始), 1/1 a holiday; Monday 2027-01-04 opens.
        assertEquals(
                at("2027-01-04T09:15:00+09:00"),
                CALENDAR.plusOfficeTime(at("2026-12-28T17:00:00+09:00"), Duration.ofHours(1)));
    }

    @Test
    void officeTimeStartedBeforeOpeningCountsFromOpening() {
        assertEquals(
                at("2026-11-24T10:30:00+09:00"),
                CALENDAR.plusOfficeTime(at("2026-11-24T06:00:00+09:00"), Duration.ofHours(2)));
        assertEquals(
                at("2026-11-25T09:30:00+09:00"),
                CALENDAR.plusOfficeTime(at("2026-11-24T16:15:00+09:00"), Duration.ofHours(2)),
                "one hour today, one tomorrow");
    }

    @Test
    void workingDaysAreWeekdaysThatAreNeitherHolidaysNorClosed() {
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 24)));
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 23)), "勤労感謝の日");
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 28)), "Saturday");
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2027, 1, 2)), "年末年始");
    }

    private static Instant at(String time) {
        return OffsetDateTime.parse(time).toInstant();
    }
}
