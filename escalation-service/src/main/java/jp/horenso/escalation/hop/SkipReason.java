package jp.horenso.escalation.hop;

/** Why a step of the chain reached nobody and was passed on to its next level. */
public enum SkipReason {
    /** Nobody holds the position (空席) and no deputy is valid. */
    VACANT,
    /** The case's section is not in the directory, so its chief or department head cannot be found. */
    UNKNOWN_UNIT,
    /** The position's holder is the reporter: telling them their own report is pointless. */
    REPORTER,
    /** Every holder is absent and no deputy is valid and present. */
    ABSENT
}
