package jp.horenso.incident.cases;

/** The four severity levels, with the labels people read. */
public enum Severity {
    LOW("低", "Low"),
    MEDIUM("中", "Medium"),
    HIGH("高", "High"),
    CRITICAL("重大", "Critical");

    private final String japanese;
    private final String english;

    Severity(String japanese, String english) {
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
