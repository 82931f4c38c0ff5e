package jp.horenso.incident.cases.rest;

import java.util.List;

/**
 * One page of cases.
 *
 * @param total how many cases match; for a text search ({@code q}) at most 1,000
 * @param totalIsLowerBound true when a text search matched more than 1,000 cases: {@code total} is then 1,000, a
 *     lower bound, not the exact count
 */
public record IncidentPage(List<IncidentSummary> items, int page, int size, long total, boolean totalIsLowerBound) {}
