package jp.horenso.escalation.legal;

/** The two reports a legal duty asks for (regulatory.md R1, R2). */
public enum LegalReport {
    /** 速報: the prompt report, within days of discovery. */
    PROMPT,
    /** 確報: the final report, within 30 or 60 days of discovery. */
    FINAL
}
