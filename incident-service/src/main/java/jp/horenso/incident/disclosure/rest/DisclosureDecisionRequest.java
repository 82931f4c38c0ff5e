package jp.horenso.incident.disclosure.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.horenso.incident.disclosure.DisclosureMethod;

/**
 * The CISO's decision on disclosure (第43条5項).
 *
 * @param note the CISO's reasoning, e.g. why not the proposed method
 */
public record DisclosureDecisionRequest(
        @NotNull DisclosureMethod method, @Size(max = 2000) String note) {}
