package jp.horenso.platform.security;

import java.util.Objects;
import jp.horenso.platform.events.CloudEvents;

/**
 * The organisation a piece of data belongs to (a city hall, its council, its board of education), by its code:
 * {@code demo-city}, {@code demo-gikai}. One installation serves several; none sees or touches another's data.
 */
public record Organisation(String code) {

    public Organisation {
        Objects.requireNonNull(code, "organisation code");
        if (!CloudEvents.ORGANISATION_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not an organisation code: " + code);
        }
    }

    public static Organisation of(String code) {
        return new Organisation(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
