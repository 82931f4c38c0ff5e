package jp.horenso.incident.cases.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.horenso.incident.cases.FunctionalImpact;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.InformationAsset;
import jp.horenso.incident.cases.InformationImpact;
import jp.horenso.incident.cases.NetworkZone;
import jp.horenso.incident.cases.PersonalData;
import jp.horenso.incident.cases.Recoverability;
import jp.horenso.incident.cases.ThreatCategory;

/**
 * The case record the CSIRT keeps (第44条4項): the whole record, replacing the previous one. Optional fields left
 * out are cleared.
 */
public record CaseRecordRequest(
        @NotNull IncidentKind kind,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10_000) String description,
        NetworkZone networkZone,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> informationSystems,
        @Size(max = 100) List<@NotNull @Valid InformationAsset> assets,
        @Valid PersonalData personalData,
        ThreatCategory threatCategory,
        FunctionalImpact functionalImpact,
        InformationImpact informationImpact,
        Recoverability recoverability,
        boolean ongoing,
        @Size(max = 10_000) String cause,
        @Size(max = 10_000) String damageExtent,
        @Size(max = 10_000) String damageScope) {}
