package jp.horenso.escalation.hop;

/** Why an open hop was cancelled (the contract's {@code HopCancelled.reason}). */
public enum CancelReason {
    /** The case was moved to another unit: the new unit's chief and head are told instead (第44条2項). */
    UNIT_CHANGED,
    /** The case was closed: the chain stops. */
    CLOSED,
    /** The report was withdrawn (filed by mistake): the chain stops. */
    WITHDRAWN
}
