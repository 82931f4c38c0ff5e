package jp.horenso.incident.response.service;

import java.time.LocalDate;
import jp.horenso.incident.response.ResponseAction;

/** A new response action (第44条3–4項); exactly one owner (unit or person). */
public record RecordResponseAction(
        ResponseAction.Kind kind,
        String description,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        ResponseAction.Status status) {}
