package jp.horenso.notification.common.problem;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;

/** The language of error texts: Japanese unless the caller prefers English. */
public enum Language {
    JA, EN;

    /** The first of Japanese or English in the caller's Accept-Language; Japanese when neither is asked for. */
    public static Language of(HttpHeaders headers) {
        for (Locale locale : headers.getAcceptableLanguages()) {
            if ("ja".equals(locale.getLanguage())) {
                return JA;
            }
            if ("en".equals(locale.getLanguage())) {
                return EN;
            }
        }
        return JA;
    }

    /** {@code ja} or {@code en}, whichever this language is. */
    public String pick(String ja, String en) {
        return this == JA ? ja : en;
    }
}
