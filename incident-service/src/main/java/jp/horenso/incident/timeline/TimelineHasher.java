package jp.horenso.incident.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.horenso.incident.common.time.StoredTime;

/**
 * Computes the hash that chains a case's timeline entries: SHA-256 over the previous hash and a canonical form of
 * the entry (times in UTC to the microsecond, as PostgreSQL keeps them; JSON details with sorted keys), so the
 * same entry read back from the database hashes to the same value.
 */
public final class TimelineHasher {

    /** The "previous hash" of a case's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private TimelineHasher() {}

    /** Times are stored and hashed to the microsecond. */
    public static OffsetDateTime normalise(OffsetDateTime at) {
        return StoredTime.kept(at);
    }

    public static String hash(TimelineEntry e) {
        StringBuilder content = new StringBuilder()
                .append(e.prevHash())
                .append('\n')
                .append(e.incidentId())
                .append('\n')
                .append(e.seq())
                .append('\n')
                .append(e.type().name())
                .append('\n')
                .append(normalise(e.at()).toInstant())
                .append('\n')
                .append(e.actor())
                .append('\n')
                .append(canonicalJson(e.details()))
                .append('\n')
                .append(e.sourceEventId() == null ? "" : e.sourceEventId().toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    static String canonicalJson(Map<String, Object> details) {
        try {
            return CANONICAL.writeValueAsString(sorted(details == null ? Map.of() : details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), sorted(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(sorted(v)));
            return result;
        }
        if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
            // jsonb gives back Integer or Long for what went in as either: hash the decimal digits.
            return new java.math.BigDecimal(number.toString());
        }
        return value;
    }
}
