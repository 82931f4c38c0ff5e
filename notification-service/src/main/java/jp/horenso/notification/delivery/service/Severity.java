package jp.horenso.notification.delivery.service;

/** How a severity code of the request is written in messages (重大度): Japanese and English labels. */
public record Severity(String ja, String en) {

    /** The labels of {@code code} (LOW, MEDIUM, HIGH, CRITICAL); "未評価/unassessed" when there is none yet. */
    public static Severity of(String code) {
        if (code == null || code.isBlank()) {
            return new Severity("未評価", "unassessed");
        }
        return switch (code) {
            case "LOW" -> new Severity("低", "Low");
            case "MEDIUM" -> new Severity("中", "Medium");
            case "HIGH" -> new Severity("高", "High");
            case "CRITICAL" -> new Severity("重大", "Critical");
            // A level added to the contract later is still shown, as its code.
            default -> new Severity(code, code);
        };
    }

    /** Rank for "the highest severity" of a digest; unknown and unassessed rank lowest. */
    public static int rank(String code) {
        if (code == null) {
            return 0;
        }
        return switch (code) {
            case "LOW" -> 1;
            case "MEDIUM" -> 2;
            case "HIGH" -> 3;
            case "CRITICAL" -> 4;
            default -> 0;
        };
    }

    /** {@code 【高/High】}, as subjects start. */
    public String tag() {
        return "【" + ja + "/" + en + "】";
    }
}
