package jp.horenso.incident.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An information asset involved in a case, with its classification in the organisation's scheme (第16条).
 *
 * @param confidentiality a level of the scheme, e.g. "3" or "3B"
 */
public record InformationAsset(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 4) String confidentiality,
        @NotBlank @Size(max = 4) String integrity,
        @NotBlank @Size(max = 4) String availability) {}
