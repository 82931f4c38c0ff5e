package jp.horenso.incident.document.service;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import jp.horenso.incident.common.time.JapanTime;

/**
 * The words of a document in one language (documents/labels_ja|en.properties), and its dates: ISO 8601 beside the
 * Japanese era date (和暦, e.g. 令和8年12月6日), always in Japan time.
 */
public final class DocumentTexts {

    static final ZoneId JAPAN = JapanTime.ZONE;
    private static final DateTimeFormatter ISO_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

    private final String lang;
    private final ResourceBundle bundle;

    private DocumentTexts(String lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle(
                "documents/labels",
                Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The texts for {@code ja} or {@code en}. */
    public static DocumentTexts of(String lang) {
        return new DocumentTexts(lang);
    }

    public String lang() {
        return lang;
    }

    /** The text of a key; with arguments it is a {@link MessageFormat} pattern. */
    public String t(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
    }

    /** Every key with its text, for the template's fixed words. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        bundle.keySet().stream().sorted().forEach(k -> all.put(k.replace('.', '_'), bundle.getString(k)));
        return all;
    }

    /** The Japanese era date of a day: 令和8年12月6日 (the first year of an era reads 元年). */
    public static String wareki(LocalDate day) {
        JapaneseDate date = JapaneseDate.from(day);
        int year = date.get(ChronoField.YEAR_OF_ERA);
        String era = DateTimeFormatter.ofPattern("GGGG", Locale.JAPANESE)
                .withChronology(JapaneseChronology.INSTANCE)
                .format(date);
        return era + (year == 1 ? "元" : Integer.toString(year)) + "年" + day.getMonthValue() + "月" + day.getDayOfMonth()
                + "日";
    }

    /** A time as {@code 2026-12-06T19:30+09:00（令和8年12月6日 19:30）}; "-" when unknown. */
    public String moment(OffsetDateTime at) {
        if (at == null) {
            return "-";
        }
        ZonedDateTime japan = at.atZoneSameInstant(JAPAN);
        return ISO_MINUTES.format(japan) + "（" + wareki(japan.toLocalDate()) + " " + CLOCK.format(japan) + "）";
    }

    /** A time given as ISO text in a snapshot. */
    public String moment(String iso) {
        return iso == null || iso.isBlank() || "null".equals(iso) ? "-" : moment(OffsetDateTime.parse(iso));
    }

    /** A day as {@code 2026-12-31（令和8年12月31日）}; the "not set" word when unknown. */
    public String day(String isoDate) {
        if (isoDate == null || isoDate.isBlank() || "null".equals(isoDate)) {
            return t("notSet");
        }
        LocalDate d = LocalDate.parse(isoDate);
        return d + "（" + wareki(d) + "）";
    }
}
