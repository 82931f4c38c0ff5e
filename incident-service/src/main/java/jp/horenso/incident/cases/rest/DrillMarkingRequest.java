package jp.horenso.incident.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Marks a case as a drill (第48条) or corrects it to "not a drill".
 *
 * @param drill the new marking
 * @param reason why, kept on the timeline
 */
public record DrillMarkingRequest(
        @NotNull Boolean drill, @NotBlank @Size(max = 2000) String reason) {}
