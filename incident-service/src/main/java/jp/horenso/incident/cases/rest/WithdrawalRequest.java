package jp.horenso.incident.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Withdraws a report filed by mistake; the reason is kept on the timeline. */
public record WithdrawalRequest(@NotBlank @Size(max = 2000) String reason) {}
