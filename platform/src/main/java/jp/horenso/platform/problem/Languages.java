package jp.horenso.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;

/** Japanese first, English second: the language of an answer, from the caller's {@code Accept-Language}. */
public final class Languages {

    private Languages() {}

    /** The first of Japanese and English the client ranks; Japanese when it names neither. */
    public static Locale of(HttpHeaders headers) {
        if (headers == null) {
            return Locale.JAPANESE;
        }
        try {
            return firstSupported(headers.getAcceptableLanguages());
        } catch (RuntimeException e) {
            // A header the JAX-RS parser refuses (e.g. "en;q=abc") is no reason to fail the answer: it names
            // no language we can trust, so the answer is Japanese, as for any header naming neither.
            return of(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        }
    }

    /** The same choice from a raw {@code Accept-Language} header, for code that runs outside JAX-RS. */
    public static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.JAPANESE;
        }
        try {
            return firstSupported(Locale.LanguageRange.parse(acceptLanguage).stream()
                    .filter(range -> !range.getRange().equals("*"))
                    .map(range -> Locale.forLanguageTag(range.getRange()))
                    .toList());
        } catch (IllegalArgumentException e) {
            return Locale.JAPANESE;
        }
    }

    public static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** {@link Locale#ENGLISH} or {@link Locale#JAPANESE}. */
    static Locale supported(Locale locale) {
        return isEnglish(locale) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static Locale firstSupported(List<Locale> accepted) {
        for (Locale locale : accepted) {
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("ja".equals(locale.getLanguage())) {
                return Locale.JAPANESE;
            }
        }
        return Locale.JAPANESE;
    }
}
