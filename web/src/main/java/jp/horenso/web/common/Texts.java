package jp.horenso.web.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every visible string of the console, from {@code i18n/messages_ja.properties} (the default) and
 * {@code i18n/messages_en.properties}. A key missing in English falls back to Japanese, a key missing in both shows
 * itself so that a test notices it.
 */
public final class Texts {

    public static final Locale JAPANESE = Locale.JAPANESE;
    private static final Map<String, Properties> BUNDLES = Map.of("ja", load("ja"), "en", load("en"));

    private Texts() {}

    private static Properties load(String lang) {
        Properties p = new Properties();
        String path = "i18n/messages_" + lang + ".properties";
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** "en" for English, "ja" for everything else. */
    public static String lang(Object locale) {
        if (locale instanceof Locale l && "en".equals(l.getLanguage())) {
            return "en";
        }
        if (locale instanceof String s && s.startsWith("en")) {
            return "en";
        }
        return "ja";
    }

    public static String get(Object locale, String key) {
        String lang = lang(locale);
        String text = BUNDLES.get(lang).getProperty(key);
        if (text == null) {
            text = BUNDLES.get("ja").getProperty(key);
        }
        return text == null ? key : text;
    }

    /** A text with {0}, {1} … replaced by the arguments. */
    public static String format(Object locale, String key, Object... args) {
        String text = get(locale, key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", args[i] == null ? "" : args[i].toString());
        }
        return text;
    }

    /** The label of a coded value (severity, status, step …): {@code prefix.VALUE}, else the value itself. */
    public static String label(Object locale, String prefix, Object value) {
        if (value == null) {
            return "";
        }
        String key = prefix + "." + value;
        String text = get(locale, key);
        return text.equals(key) ? value.toString() : text;
    }

    public static Set<String> keys(String lang) {
        return BUNDLES.get(lang).stringPropertyNames();
    }
}
