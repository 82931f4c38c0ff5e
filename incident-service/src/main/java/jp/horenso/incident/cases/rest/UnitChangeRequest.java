package jp.horenso.incident.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Moves a case to the section it concerns (第44条2項).
 *
 * @param unit a section code of the directory
 * @param reason why, kept on the timeline
 */
public record UnitChangeRequest(
        @NotBlank @Size(max = 100) String unit,
        @NotBlank @Size(max = 2000) String reason) {}
