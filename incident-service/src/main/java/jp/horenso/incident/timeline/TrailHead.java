package jp.horenso.incident.timeline;

/**
 * Where a case's trail ends: the seq of its last entry (the chain counts from 1, so also the number of entries) and
 * that entry's hash. Kept in {@code timeline_head}, advanced in the same transaction as every append.
 */
public record TrailHead(int seq, String hash) {

    /** The head of a case without entries. */
    public static final TrailHead EMPTY = new TrailHead(0, TimelineHasher.GENESIS);
}
