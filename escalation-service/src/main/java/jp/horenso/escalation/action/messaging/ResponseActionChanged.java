package jp.horenso.escalation.action.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} this service needs of {@code jp.horenso.ResponseActionRecorded}, {@code ResponseActionRevised}
 * and {@code ResponseActionStatusChanged}: each carries the action's whole current state.
 *
 * @param changedFields of a revision: which fields changed (ownerUnit, ownerPerson, dueDate, description)
 */
public record ResponseActionChanged(
        @NotNull UUID incidentId,
        @NotNull UUID actionId,
        @NotBlank String kind,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        @NotBlank String status,
        @NotNull Integer version,
        @NotNull Boolean drill,
        List<String> changedFields) {

    public static final String RECORDED = "ResponseActionRecorded";
    public static final String REVISED = "ResponseActionRevised";
    public static final String STATUS_CHANGED = "ResponseActionStatusChanged";

    /** Whether a revision gave the action another owner. */
    public boolean ownerChanged() {
        return changedFields != null && (changedFields.contains("ownerUnit") || changedFields.contains("ownerPerson"));
    }
}
