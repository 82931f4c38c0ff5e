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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /** The key id of {@code ack-link.secret} ({@code HORENSO_NOTIFICATION_ACK_LINK_SECRET}), and of legacy links. */
    public static final String DEFAULT_KEY_ID = "default";

    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** The keys links are checked with, by key id, and the id of the one new links are signed with. */
    record KeyRing(Map<String, SecretKeySpec> keys, String currentKeyId) {}

    private final KeyRing ring;
    private final String baseUrl;
    private final Duration ttl;

    /** A link and until when it works. */
    public record Link(String url, Instant expiresAt) {}

    /** What a token says before it was checked: which notification, until when, which key, and its signature. */
    public record Token(UUID notificationId, Instant expiresAt, String keyId, byte[] signature) {}

    public AckLinks(NotificationConfig config) {
        this.ring = keyRing(
                config.ackLink().secret(),
                config.ackLink().keys(),
                config.ackLink().currentKeyId(),
                LaunchMode.current().isDevOrTest());
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
                    + ".secret) is not set, nor any horenso.notification.ack-link.keys.<id>: production needs the key "
                    + "acknowledgement links are signed with, at least "
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
     * The keys by id: {@code ack-link.secret} is the key {@value #DEFAULT_KEY_ID}, {@code ack-link.keys.<id>} add
     * more. New links are signed with {@code ack-link.current-key-id} (without it: the only key, or
     * {@value #DEFAULT_KEY_ID}); every key listed still verifies the links it signed, so a key is rotated by adding
     * the new one, making it current, and removing the old one once its links have expired.
     */
    static KeyRing keyRing(
            Optional<String> secret,
            Map<String, String> configured,
            Optional<String> currentKeyId,
            boolean randomAllowed) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        boolean hasSecret = secret.isPresent() && !secret.get().isBlank();
        if (hasSecret) {
            keys.put(DEFAULT_KEY_ID, signingKey(secret, false));
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(configured).entrySet()) {
            String id = entry.getKey();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("horenso.notification.ack-link.keys: the key id \"" + id
                        + "\" must be 1 to 32 letters, digits, '-' or '_'");
            }
            if (entry.getValue() == null || entry.getValue().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("horenso.notification.ack-link.keys." + id + " must have at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            SecretKeySpec key = new SecretKeySpec(entry.getValue().getBytes(StandardCharsets.UTF_8), HMAC);
            if (keys.containsKey(id) && !keys.get(id).equals(key)) {
                throw new IllegalStateException("horenso.notification.ack-link.keys." + id
                        + " differs from horenso.notification.ack-link.secret, which is the key \"" + id + "\"");
            }
            keys.put(id, key);
        }
        if (keys.isEmpty()) {
            keys.put(DEFAULT_KEY_ID, signingKey(Optional.empty(), randomAllowed));
        }
        String current = currentKeyId
                .filter(id -> !id.isBlank())
                .map(String::strip)
                .orElseGet(() -> keys.size() == 1
                        ? keys.keySet().iterator().next()
                        : keys.containsKey(DEFAULT_KEY_ID) ? DEFAULT_KEY_ID : null);
        if (current == null || !keys.containsKey(current)) {
            throw new IllegalStateException("horenso.notification.ack-link.current-key-id "
                    + "(HORENSO_NOTIFICATION_ACK_LINK_CURRENT_KEY_ID) must name one of the keys " + keys.keySet()
                    + (current == null ? "" : ", not \"" + current + "\""));
        }
        return new KeyRing(Map.copyOf(keys), current);
    }

    /** The id of the key new links are signed with. */
    public String currentKeyId() {
        return ring.currentKeyId();
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

    /** The token for the given binding and expiry, signed with the current key. */
    public String token(UUID notificationId, UUID incidentId, UUID hopId, String username, Instant expiresAt) {
        return token(ring.currentKeyId(), notificationId, incidentId, hopId, username, expiresAt);
    }

    /** The token for the given binding and expiry, signed with the key {@code keyId} (which must be known). */
    String token(String keyId, UUID notificationId, UUID incidentId, UUID hopId, String username, Instant expiresAt) {
        SecretKeySpec key = ring.keys().get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no acknowledgement link key " + keyId);
        }
        long expiry = expiresAt.getEpochSecond();
        return B64.encodeToString(bytes(notificationId)) + "." + Long.toString(expiry, 36) + "." + keyId + "."
                + B64.encodeToString(sign(key, notificationId, incidentId, hopId, username, expiry));
    }

    /**
     * Reads a token's parts ({@code <id>.<expiry>.<key id>.<signature>}, or {@code <id>.<expiry>.<signature>} as
     * written before key ids, which is the key {@value #DEFAULT_KEY_ID}); empty when it is not even shaped like one.
     */
    public Optional<Token> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 && parts.length != 4) {
            return Optional.empty();
        }
        String keyId = parts.length == 4 ? parts[2] : DEFAULT_KEY_ID;
        if (!KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        try {
            byte[] id = B64_DECODER.decode(parts[0]);
            byte[] signature = B64_DECODER.decode(parts[parts.length - 1]);
            if (id.length != 16 || signature.length != 32) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(id);
            return Optional.of(new Token(
                    new UUID(buffer.getLong(), buffer.getLong()),
                    Instant.ofEpochSecond(Long.parseLong(parts[1], 36)),
                    keyId,
                    signature));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the token's signature is the one this service made for exactly this binding, with the key the token
     * names; a key id this service does not (or no longer) have verifies nothing.
     */
    public boolean verifies(Token token, UUID incidentId, UUID hopId, String username) {
        SecretKeySpec key = ring.keys().get(token.keyId());
        if (key == null) {
            return false;
        }
        byte[] expected = sign(
                key,
                token.notificationId(),
                incidentId,
                hopId,
                username,
                token.expiresAt().getEpochSecond());
        // Constant time, so the comparison tells nothing about how much of a guess was right.
        return MessageDigest.isEqual(expected, token.signature());
    }

    private static byte[] sign(
            SecretKeySpec key, UUID notificationId, UUID incidentId, UUID hopId, String username, long expiry) {
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
