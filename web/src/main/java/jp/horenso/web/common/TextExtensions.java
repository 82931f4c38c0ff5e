package jp.horenso.web.common;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/**
 * Template access to {@link Texts}: {@code {m:nav.dashboard}} for a text, {@code {m:e('severity', x)}} for a coded
 * value's label, {@code {m:f('key', a, b)}} for a text with arguments. The language is the template's locale.
 */
@TemplateExtension(namespace = "m")
public final class TextExtensions {

    private TextExtensions() {}

    @TemplateExtension(namespace = "m", priority = 20)
    static String e(String prefix, Object value, @TemplateAttribute("locale") Object locale) {
        return Texts.label(locale, prefix, value);
    }

    /** A text whose key is a value, e.g. the page title's key. */
    @TemplateExtension(namespace = "m", priority = 20)
    static String t(Object key, @TemplateAttribute("locale") Object locale) {
        return key == null ? "" : Texts.get(locale, key.toString());
    }

    @TemplateExtension(namespace = "m", priority = 20)
    static String f(String key, Object a, @TemplateAttribute("locale") Object locale) {
        return Texts.format(locale, key, a);
    }

    @TemplateExtension(namespace = "m", priority = 20)
    static String f2(String key, Object a, Object b, @TemplateAttribute("locale") Object locale) {
        return Texts.format(locale, key, a, b);
    }

    @TemplateExtension(namespace = "m", matchName = TemplateExtension.ANY, priority = 1)
    static String text(String key, @TemplateAttribute("locale") Object locale) {
        return Texts.get(locale, key);
    }
}
