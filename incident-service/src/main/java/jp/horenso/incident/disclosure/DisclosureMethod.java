package jp.horenso.incident.disclosure;

/** How the CISO makes the facts public (第43条5項: 記者会見の開催、新聞社への情報提供その他), weakest first. */
public enum DisclosureMethod {
    /** Not published (公表しない). */
    NONE("公表しない", "Not published"),
    /** In the periodic bulk release, twice a year (定期的な一括公表, R5). */
    PERIODIC_BULK_RELEASE("定期的な一括公表", "Periodic bulk release"),
    /** An individual press release (個別の報道発表・新聞社への情報提供). */
    INDIVIDUAL_PRESS_RELEASE("個別の報道発表", "Individual press release"),
    /** A press conference (記者会見). */
    PRESS_CONFERENCE("記者会見", "Press conference");

    private final String japanese;
    private final String english;

    DisclosureMethod(String japanese, String english) {
        this.japanese = japanese;
        this.english = english;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }
}
