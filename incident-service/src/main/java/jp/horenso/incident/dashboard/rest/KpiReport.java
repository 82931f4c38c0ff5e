package jp.horenso.incident.dashboard.rest;

import java.util.List;
import java.util.Map;

/**
 * The CSIRT's figures, drills never counted (第48条).
 *
 * @param months oldest first, every month of the range even when empty
 * @param openBySeverity cases not closed, by the severity in force (all four keys)
 * @param overdueHops hops nobody acknowledged by their deadline, of cases still running
 * @param overdueLegalClocks legal reports (速報, 確報) past their due time and not submitted
 */
public record KpiReport(
        List<Month> months, Map<String, Long> openBySeverity, long overdueHops, long overdueLegalClocks) {

    /**
     * One month in Japan time; a duration counts in the month it ended (acknowledged, contained, closed).
     *
     * @param month e.g. {@code 2026-12}
     * @param ackTime hop opened → acknowledged, by step (only the steps acknowledged that month)
     * @param timeToContain reported → first containment action done (応急措置)
     * @param timeToClose reported → closed
     */
    public record Month(String month, Map<String, Figure> ackTime, Figure timeToContain, Figure timeToClose) {}

    /**
     * Median and 90th percentile (continuous, PostgreSQL {@code percentile_cont}) in whole seconds; null when nothing
     * was counted.
     */
    public record Figure(Long medianSeconds, Long p90Seconds, long count) {

        public static final Figure NONE = new Figure(null, null, 0);
    }
}
