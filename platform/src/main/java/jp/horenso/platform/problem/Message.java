package jp.horenso.platform.problem;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A human text of a problem in Japanese and English: either a key of the service's {@code problems} bundle
 * ({@code problems_ja.properties}, {@code problems_en.properties}; the platform's {@code horenso-platform-problems}
 * bundle supplies the generic ones), or both texts given in place for texts built from data.
 */
public sealed interface Message {

    /** The text in {@code locale} (Japanese unless English). */
    String in(Locale locale);

    static Message key(String key, Object... args) {
        return new Key(key, args);
    }

    static Message text(String ja, String en) {
        return new Text(ja, en);
    }

    /** A bundle key with {@link MessageFormat} arguments. */
    record Key(String key, Object... args) implements Message {

        private static final String SERVICE_BUNDLE = "problems";
        private static final String PLATFORM_BUNDLE = "horenso-platform-problems";

        @Override
        public String in(Locale locale) {
            String pattern = lookup(SERVICE_BUNDLE, locale);
            if (pattern == null) {
                pattern = lookup(PLATFORM_BUNDLE, locale);
            }
            if (pattern == null) {
                return key + (args.length == 0 ? "" : " " + Arrays.toString(args));
            }
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        }

        private String lookup(String bundle, Locale locale) {
            try {
                return ResourceBundle.getBundle(
                                bundle,
                                Languages.supported(locale),
                                Thread.currentThread().getContextClassLoader(),
                                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                        .getString(key);
            } catch (MissingResourceException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** Both texts, given in place. */
    record Text(String ja, String en) implements Message {

        @Override
        public String in(Locale locale) {
            return Languages.isEnglish(locale) ? en : ja;
        }

        @Override
        public String toString() {
            return en;
        }
    }
}
