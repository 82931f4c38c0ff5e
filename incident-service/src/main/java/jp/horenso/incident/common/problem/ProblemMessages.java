package jp.horenso.incident.common.problem;

import jakarta.ws.rs.core.HttpHeaders;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** Problem titles and details in Japanese (default) or English, chosen by {@code Accept-Language}. */
public final class ProblemMessages {

    private static final Locale JAPANESE = Locale.JAPANESE;

    private ProblemMessages() {
    }

    /** The first supported language the client accepts; Japanese when it accepts neither. */
    public static Locale localeOf(HttpHeaders headers) {
        List<Locale> accepted = headers == null ? List.of() : headers.getAcceptableLanguages();
        for (Locale locale : accepted) {
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("ja".equals(locale.getLanguage())) {
                return JAPANESE;
            }
        }
        return JAPANESE;
    }

    /** The same choice from a raw {@code Accept-Language} header, for code that runs before JAX-RS. */
    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return JAPANESE;
        }
        try {
            List<Locale> accepted = Locale.LanguageRange.parse(acceptLanguage).stream()
                    .filter(range -> !range.getRange().equals("*"))
                    .map(range -> Locale.forLanguageTag(range.getRange())).toList();
            for (Locale locale : accepted) {
                if ("en".equals(locale.getLanguage())) {
                    return Locale.ENGLISH;
                }
                if ("ja".equals(locale.getLanguage())) {
                    return JAPANESE;
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header gets the default language.
        }
        return JAPANESE;
    }

    public static String text(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("problems", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
