package jp.horenso.platform.admintrail;

import java.time.Instant;
import java.util.UUID;

/**
 * One administrative change of an organisation, as kept in its hash-chained trail: who ({@code actor}) did what
 * ({@code action}, e.g. {@code DIRECTORY_IMPORTED}) to what ({@code subject}), with the change's details as JSON.
 *
 * @param previousHash the hash of the entry before it ({@link AdminTrail#GENESIS} for the first)
 * @param hash SHA-256 over the previous hash and every other field ({@link #computeHash()})
 */
public record AdminTrailEntry(
        UUID id,
        String organisation,
        long seq,
        Instant recordedAt,
        String actor,
        String action,
        String subject,
        String detail,
        String previousHash,
        String hash) {

    /** The hash this entry must have, recomputed from its fields. */
    public String computeHash() {
        return AdminTrail.sha256(String.join(
                "\n",
                previousHash,
                Long.toString(seq),
                id.toString(),
                organisation,
                recordedAt.toString(),
                actor,
                action,
                subject,
                detail));
    }
}
