package jp.horenso.platform.admintrail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of walking an organisation's administrative trail.
 *
 * @param brokenAtSeq the first entry that was changed, is missing or does not link to the one before; null when
 *     intact
 * @param findings what is wrong, Japanese and English; empty when intact
 */
public record AdminTrailVerification(
        String organisation,
        int entries,
        boolean intact,
        Long brokenAtSeq,
        long headSeq,
        String headHash,
        Instant verifiedAt,
        List<Finding> findings) {

    /** One thing found wrong: a code, the entry concerned, and what it means. */
    public record Finding(String code, Long seq, String ja, String en) {}

    static AdminTrailVerification of(
            String organisation, List<AdminTrailEntry> chain, long headSeq, String headHash, Instant at) {
        List<Finding> findings = new ArrayList<>();
        String previous = AdminTrail.GENESIS;
        long expectedSeq = 1;
        Long brokenAt = null;
        for (AdminTrailEntry entry : chain) {
            if (entry.seq() != expectedSeq) {
                brokenAt = expectedSeq;
                findings.add(new Finding(
                        "ENTRY_MISSING",
                        expectedSeq,
                        "記録 " + expectedSeq + " がありません（削除されています）。",
                        "Entry " + expectedSeq + " is missing (deleted)."));
                break;
            }
            if (!entry.previousHash().equals(previous) || !entry.hash().equals(entry.computeHash())) {
                brokenAt = entry.seq();
                findings.add(new Finding(
                        "CHAIN_BROKEN",
                        entry.seq(),
                        "記録 " + entry.seq() + " のハッシュまたは前の記録とのつながりが一致しません（書き込み後に変更されています）。",
                        "Entry " + entry.seq() + " does not match its hash or its link to the previous entry"
                                + " (changed after it was written)."));
                break;
            }
            previous = entry.hash();
            expectedSeq++;
        }
        if (brokenAt == null) {
            long last = expectedSeq - 1;
            if (last != headSeq || !previous.equals(headHash)) {
                brokenAt = Math.min(last, headSeq) + 1;
                findings.add(new Finding(
                        "HEAD_MISMATCH",
                        headSeq,
                        "記録は " + last + " 件ですが、先頭の記録は " + headSeq + " 件目を指しています（末尾が削除または書き換えられています）。",
                        "The trail has " + last + " entries but its head names entry " + headSeq
                                + " (its end was deleted or rewritten)."));
            }
        }
        return new AdminTrailVerification(
                organisation, chain.size(), findings.isEmpty(), brokenAt, headSeq, headHash, at, List.copyOf(findings));
    }
}
