package jp.horenso.web.session;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The time of a person's last request, kept in a signed cookie bound to their sign-in session ({@code sid} of the
 * ID token): {@code <sid>.<epoch millis>.<HMAC-SHA256>}. A cookie of another session (an earlier sign-in) counts as
 * no cookie, so signing in again never meets an old time; a changed value fails the signature and counts as idle.
 */
public final class ActivityCookie {

    public static final String NAME = "horenso-activity";

    private final byte[] key;

    public ActivityCookie(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the activity cookie's signing secret must have at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The cookie's value for a request of session {@code sid} at {@code at}. */
    public String value(String sid, Instant at) {
        String body = sid + "." + at.toEpochMilli();
        return body + "." + sign(body);
    }

    /**
     * The last activity the cookie records for session {@code sid}: empty when there is no cookie or it belongs to
     * another session (a fresh sign-in); {@link Instant#EPOCH} when it was tampered with (so it counts as idle).
     */
    public Optional<Instant> lastActivity(String cookie, String sid) {
        if (cookie == null || cookie.isBlank() || sid == null) {
            return Optional.empty();
        }
        int signature = cookie.lastIndexOf('.');
        int time = signature < 0 ? -1 : cookie.lastIndexOf('.', signature - 1);
        if (time < 0) {
            return Optional.of(Instant.EPOCH);
        }
        String body = cookie.substring(0, signature);
        if (!MessageDigest.isEqual(
                sign(body).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(signature + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Instant.EPOCH);
        }
        if (!sid.equals(cookie.substring(0, time))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(cookie.substring(time + 1, signature))));
        } catch (NumberFormatException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    /** Seconds left before the idle log-off (negative once past it); the whole time-out without a cookie. */
    public static long secondsLeft(Optional<Instant> lastActivity, Instant now, Duration timeout) {
        return lastActivity
                .map(last -> timeout.minus(Duration.between(last, now)).toSeconds())
                .orElse(timeout.toSeconds());
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
