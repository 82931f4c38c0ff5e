package jp.horenso.incident.review.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.horenso.incident.review.CisoReport;

/**
 * The CISO's decision on a report (第44条5項).
 *
 * @param instructions what to change (再発防止策の修正、実施等の指示); required when returning
 * @param severe the CISO judges the damage severe or organisation-wide measures necessary (第44条6項); left out:
 *     unchanged
 */
public record CisoDecisionRequest(
        @NotNull CisoReport.Decision decision,
        @Size(max = 10_000) String instructions,
        Boolean severe) {}
