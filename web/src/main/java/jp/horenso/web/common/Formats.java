package jp.horenso.web.common;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Dates as officials read them: Japan time always; in Japanese also the era (和暦, 令和8年12月6日). Used as
 * {@code {f:jst(x)}}, {@code {f:wareki(x)}}, {@code {f:left(deadline)}}; each accepts null and ISO text.
 */
@TemplateExtension(namespace = "f")
public final class Formats {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm");
    private static final DateTimeFormatter ERA =
            DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN).withChronology(JapaneseChronology.INSTANCE);
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private Formats() {}

    /** A count with thousands separators (10,000), or empty. */
    static String count(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : "";
    }

    /** 2026/12/06 19:29 (Japan time), or empty. */
    static String jst(Object value) {
        ZonedDateTime t = parse(value);
        return t == null ? "" : JST.format(t);
    }

    /** 令和8年12月6日 19:29 in Japanese, 2026-12-06 19:29 JST in English; a date alone without the time. */
    static String wareki(Object value, @TemplateAttribute("locale") Object locale) {
        return wareki(value, Texts.lang(locale));
    }

    public static String wareki(Object value, String lang) {
        if (value instanceof String s && s.length() == 10) {
            try {
                LocalDate d = LocalDate.parse(s);
                return "en".equals(lang) ? d.toString() : ERA.format(JapaneseDate.from(d));
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        ZonedDateTime t = parse(value);
        if (t == null) {
            return "";
        }
        if ("en".equals(lang)) {
            return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").format(t) + " JST";
        }
        return ERA.format(JapaneseDate.from(t.toLocalDate())) + " "
                + DateTimeFormatter.ofPattern("HH:mm").format(t);
    }

    /** Time left until a deadline, e.g. "あと 12分" / "12 min left", or how long it is overdue. */
    static String left(Object deadline, @TemplateAttribute("locale") Object locale) {
        ZonedDateTime t = parse(deadline);
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(Instant.now(), t.toInstant());
        boolean over = d.isNegative();
        String span = span(d.abs(), Texts.lang(locale));
        return Texts.format(locale, over ? "time.overdueBy" : "time.left", span);
    }

    private static String span(Duration d, String lang) {
        long minutes = d.toMinutes();
        boolean en = "en".equals(lang);
        if (minutes < 60) {
            return minutes + (en ? " min" : "分");
        }
        if (minutes < 48 * 60) {
            return (minutes / 60) + (en ? " h " : "時間") + (minutes % 60) + (en ? " min" : "分");
        }
        return (minutes / 1440) + (en ? " days" : "日");
    }

    /** The value for a datetime-local input in Japan time. */
    static String input(Object value) {
        ZonedDateTime t = parse(value);
        return t == null ? "" : LOCAL_INPUT.format(t);
    }

    /** Seconds as hours and minutes ("1時間5分" / "1 h 5 min"); empty for null. */
    static String seconds(Object value, @TemplateAttribute("locale") Object locale) {
        if (!(value instanceof Number n)) {
            return "";
        }
        return span(Duration.ofSeconds(n.longValue()), Texts.lang(locale));
    }

    static ZonedDateTime parse(Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof OffsetDateTime o) {
                return o.atZoneSameInstant(JAPAN);
            }
            if (value instanceof Instant i) {
                return i.atZone(JAPAN);
            }
            String s = value.toString();
            if (s.isBlank()) {
                return null;
            }
            return OffsetDateTime.parse(s).atZoneSameInstant(JAPAN);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A datetime-local value typed in Japan time, as an RFC 3339 time with +09:00. */
    public static String fromInput(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(local)
                    .atZone(JAPAN)
                    .toOffsetDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }
}
