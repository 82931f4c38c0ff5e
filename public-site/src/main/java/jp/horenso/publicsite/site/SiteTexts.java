package jp.horenso.publicsite.site;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** The site's words in one language (messages/site_ja|en.properties) and its dates, in Japan time. */
public final class SiteTexts {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final String lang;
    private final ResourceBundle bundle;

    private SiteTexts(String lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle(
                "messages/site",
                Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code en} when asked for, Japanese otherwise. */
    public static SiteTexts of(String lang) {
        return new SiteTexts("en".equals(lang) ? "en" : "ja");
    }

    public String lang() {
        return lang;
    }

    public String t(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
    }

    /** Every key (dots as underscores, for the templates) with its text. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        bundle.keySet().stream().sorted().forEach(k -> all.put(k.replace('.', '_'), bundle.getString(k)));
        return all;
    }

    /** The day of a time: 令和8年12月6日 in Japanese, 6 December 2026 in English. */
    public String date(OffsetDateTime at) {
        LocalDate day = at.atZoneSameInstant(JAPAN).toLocalDate();
        if ("en".equals(lang)) {
            return ENGLISH_DATE.format(day);
        }
        JapaneseDate date = JapaneseDate.from(day);
        int year = date.get(ChronoField.YEAR_OF_ERA);
        String era = DateTimeFormatter.ofPattern("GGGG", Locale.JAPANESE)
                .withChronology(JapaneseChronology.INSTANCE)
                .format(date);
        return era + (year == 1 ? "元" : Integer.toString(year)) + "年" + day.getMonthValue() + "月" + day.getDayOfMonth()
                + "日";
    }
}
