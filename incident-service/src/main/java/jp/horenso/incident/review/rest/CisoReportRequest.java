package jp.horenso.incident.review.rest;

import jakarta.validation.constraints.Size;

/**
 * The CSIRT's report to the CISO (第44条4項). The record itself is taken from the case; the body only adds an
 * optional cover note, which is frozen with the snapshot.
 */
public record CisoReportRequest(@Size(max = 10_000) String summary) {}
