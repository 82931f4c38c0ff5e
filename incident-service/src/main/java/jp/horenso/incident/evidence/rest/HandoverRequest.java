package jp.horenso.incident.evidence.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * That evidence was handed over (e.g. a copy to the police or a forensic vendor).
 *
 * @param to who received it, e.g. "鹿沼警察署 生活安全課" or a user name
 * @param purpose why, e.g. "被害届に添付"
 */
public record HandoverRequest(
        @NotBlank @Size(max = 200) String to,
        @NotBlank @Size(max = 500) String purpose) {}
