package jp.horenso.incident.acknowledgement.rest;

import jakarta.validation.constraints.Size;

/** The optional body of an acknowledgement. */
public record AcknowledgementRequest(@Size(max = 2000) String comment) {}
