package jp.horenso.incident.document;

/** The documents the service generates from a case, each with the article it serves. */
public enum DocumentKind {
    /** The CSIRT's report to the CISO (第44条4項), from its frozen snapshot. */
    CISO_REPORT("ciso-report"),
    /** The CISO's report to the information-security committee (第44条6項), from the accepted report. */
    COMMITTEE_REPORT("committee-report"),
    /** The report to the Personal Information Protection Commission, nine items (regulatory.md R1), a draft. */
    COMMISSION_REPORT_DRAFT("commission-report-draft"),
    /** The letter to the persons concerned (本人通知, 法68条2項), a draft. */
    PERSONS_NOTICE_DRAFT("persons-notice-draft");

    private final String slug;

    DocumentKind(String slug) {
        this.slug = slug;
    }

    /** The name used in file names and URLs. */
    public String slug() {
        return slug;
    }
}
