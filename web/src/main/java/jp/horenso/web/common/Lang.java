package jp.horenso.web.common;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;

/** The person's language: the {@value #COOKIE} cookie set by the switch on every page; Japanese by default. */
@RequestScoped
public class Lang {

    public static final String COOKIE = "horenso-lang";

    @Context
    HttpHeaders headers;

    public String code() {
        try {
            Cookie c = headers == null ? null : headers.getCookies().get(COOKIE);
            return c != null && "en".equals(c.getValue()) ? "en" : "ja";
        } catch (RuntimeException e) {
            return "ja";
        }
    }

    public Locale locale() {
        return "en".equals(code()) ? Locale.ENGLISH : Locale.JAPANESE;
    }
}
