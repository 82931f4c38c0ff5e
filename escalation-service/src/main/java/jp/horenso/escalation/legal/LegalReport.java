package jp.horenso.escalation.legal;

/** The reports a legal duty asks for (regulatory.md R1, R2), and the notice to the persons concerned. */
public enum LegalReport {
    /** 速報: the prompt report, within days of discovery. */
    PROMPT,
    /** 確報: the final report, within 30 or 60 days of discovery. */
    FINAL,
    /** 本人通知: the notice to the persons concerned (法68条2項), when the rule set gives it a deadline. */
    PERSONS_NOTICE
}
