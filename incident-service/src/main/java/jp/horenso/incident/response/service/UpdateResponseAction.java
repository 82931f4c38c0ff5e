package jp.horenso.incident.response.service;

import java.time.LocalDate;
import jp.horenso.incident.response.ResponseAction;

/** The new state of a response action, replacing the old one (its kind never changes). */
public record UpdateResponseAction(
        String description, String ownerUnit, String ownerPerson, LocalDate dueDate, ResponseAction.Status status) {}
