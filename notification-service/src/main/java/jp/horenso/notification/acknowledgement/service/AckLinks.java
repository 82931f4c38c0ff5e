package jp.horenso.notification.acknowledgement.service;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.horenso.notification.config.NotificationConfig;
import org.jboss.logging.Logger;

/**
 * Writes and checks one-click acknowledgement links (受領リンク): {@code <base>/ack/<token>}, where the token is
 * {@code <notification id>.<expiry>.<HMAC-SHA256>} and the HMAC covers the notification, the case, the hop,
 * the recipient and the expiry. The link names only the notification; whom and which hop it is bound to is
 * read back from the stored notification, so a link reveals nothing and cannot be re-pointed.
 */
@ApplicationScoped
@Startup
public class AckLinks {

    static final String VERSION = "horenso-ack-v1";
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(AckLinks.class);

    private final SecretKeySpec key;
    private final String baseUrl;
    private final Duration ttl;

    /** A link and until when it works. */
    public record Link(String url, Instant expiresAt) {}

    /** What a token says before it was checked: which notification, until when, and its signature. */
    public record Token(UUID notificationId, Instant expiresAt, byte[] signature) {}

    public AckLinks(NotificationConfig config) {
        this.key = signingKey(config.ackLink().secret(), LaunchMode.current().isDevOrTest());
        this.baseUrl = config.publicBaseUrl().replaceAll("/+$", "");
        this.ttl = config.ackLink().ttl();
    }

    /**
     * The key links are signed with. Start-up fails rather than sign with a key that can be guessed (too short) or
     * one that dies at a restart and differs between replicas (random): a missing key is replaced by a random one
     * only when {@code randomAllowed} (dev and test).
     */
    static SecretKeySpec signingKey(Optional<String> configured, boolean randomAllowed) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            if (configured.get().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("horenso.notification.ack-link.secret "
                        + "(HORENSO_NOTIFICATION_ACK_LINK_SECRET) must have at least " + MIN_SECRET_LENGTH
                        + " characters");
            }
            return new SecretKeySpec(configured.get().getBytes(StandardCharsets.UTF_8), HMAC);
        }
        if (!randomAllowed) {
            throw new IllegalStateException("HORENSO_NOTIFICATION_ACK_LINK_SECRET (horenso.notification.ack-link"
                    + ".secret) is not set: production needs the key acknowledgement links are signed with, at least "
                    + MIN_SECRET_LENGTH + " characters and the same on every replica");
        }
        LOG.warn("horenso.notification.ack-link.secret (HORENSO_NOTIFICATION_ACK_LINK_SECRET) is not set: "
                + "acknowledgement links are signed with a random key and stop working when this instance "
                + "restarts, and on other replicas (allowed in dev and test only)");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SecretKeySpec(secret, HMAC);
    }

    /**
     * A new link for the recipient of a hop notification. It works until the hop's acknowledgement deadline, never
     * longer than the configured maximum ({@code ack-link.ttl}) from {@code now}. A notice written when the deadline
     * has already passed (HOP_OVERDUE: a late acknowledgement is still wanted) or without one gets the maximum.
     */
    public Link create(
            UUID notificationId, UUID incidentId, UUID hopId, String username, Instant deadline, Instant now) {
        Instant expiresAt = expiry(deadline, now);
        return new Link(baseUrl + "/ack/" + token(notificationId, incidentId, hopId, username, expiresAt), expiresAt);
    }

    /** Until when a link written at {@code now} for a hop due at {@code deadline} (may be null) works. */
    Instant expiry(Instant deadline, Instant now) {
        Instant longest = now.plus(ttl);
        Instant until = deadline != null && deadline.isAfter(now) && deadline.isBefore(longest) ? deadline : longest;
        return until.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The token for the given binding and expiry. */
    public String token(UUID notificationId, UUID incidentId, UUID hopId, String username, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return B64.encodeToString(bytes(notificationId)) + "." + Long.toString(expiry, 36) + "."
                + B64.encodeToString(sign(notificationId, incidentId, hopId, username, expiry));
    }

    /** Reads a token's parts; empty when it is not even shaped like one. */
    public Optional<Token> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] id = B64_DECODER.decode(parts[0]);
            byte[] signature = B64_DECODER.decode(parts[2]);
            if (id.length != 16 || signature.length != 32) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(id);
            return Optional.of(new Token(
                    new UUID(buffer.getLong(), buffer.getLong()),
                    Instant.ofEpochSecond(Long.parseLong(parts[1], 36)),
                    signature));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the token's signature is the one this service made for exactly this binding. */
    public boolean verifies(Token token, UUID incidentId, UUID hopId, String username) {
        byte[] expected = sign(
                token.notificationId(),
                incidentId,
                hopId,
                username,
                token.expiresAt().getEpochSecond());
        // Constant time, so the comparison tells nothing about how much of a guess was right.
        return MessageDigest.isEqual(expected, token.signature());
    }

    private byte[] sign(UUID notificationId, UUID incidentId, UUID hopId, String username, long expiry) {
        String signed = VERSION + "|" + notificationId + "|" + incidentId + "|" + hopId + "|" + username + "|" + expiry;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
