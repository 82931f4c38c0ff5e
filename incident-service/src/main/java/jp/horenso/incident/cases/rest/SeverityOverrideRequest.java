package jp.horenso.incident.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.horenso.incident.cases.Severity;

/**
 * The CSIRT's override of the computed severity.
 *
 * @param severity the level to use; null returns to the computed one
 * @param reason why, recorded on the timeline
 */
public record SeverityOverrideRequest(
        Severity severity, @NotBlank @Size(max = 2000) String reason) {}
