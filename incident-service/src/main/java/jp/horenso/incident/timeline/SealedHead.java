package jp.horenso.incident.timeline;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One case's trail head as a seal covered it. */
public record SealedHead(UUID incidentId, int seq, String hash) {

    /**
     * The seal's MAC: HMAC-SHA256 with the key over the seal's id, organisation, time (UTC, to the microsecond, as
     * PostgreSQL keeps it) and the heads it covers ordered by incident id, one {@code id seq hash} line each.
     */
    public static String mac(String key, long sealId, String organisation, Instant sealedAt, List<SealedHead> heads) {
        StringBuilder content = new StringBuilder("horenso-trail-seal-v1\n")
                .append(sealId)
                .append('\n')
                .append(organisation)
                .append('\n')
                .append(sealedAt.truncatedTo(ChronoUnit.MICROS))
                .append('\n')
                .append(heads.size())
                .append('\n');
        heads.stream()
                .sorted(Comparator.comparing(h -> h.incidentId().toString()))
                .forEach(h -> content.append(h.incidentId())
                        .append(' ')
                        .append(h.seq())
                        .append(' ')
                        .append(h.hash())
                        .append('\n'));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two MACs in constant time. */
    public static boolean sameMac(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
