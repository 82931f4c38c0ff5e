package jp.horenso.incident.cases.rest;

import java.util.List;

/** One page of cases. */
public record IncidentPage(List<IncidentSummary> items, int page, int size, long total) {}
