package jp.horenso.incident.cases.service;

import java.util.List;
import jp.horenso.incident.cases.FunctionalImpact;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.InformationAsset;
import jp.horenso.incident.cases.InformationImpact;
import jp.horenso.incident.cases.NetworkZone;
import jp.horenso.incident.cases.PersonalData;
import jp.horenso.incident.cases.Recoverability;
import jp.horenso.incident.cases.ThreatCategory;

/** The whole case record the CSIRT keeps (第44条4項), replacing the previous one. */
public record RecordCase(
        IncidentKind kind,
        String title,
        String description,
        NetworkZone networkZone,
        List<String> informationSystems,
        List<InformationAsset> assets,
        PersonalData personalData,
        ThreatCategory threatCategory,
        FunctionalImpact functionalImpact,
        InformationImpact informationImpact,
        Recoverability recoverability,
        boolean ongoing,
        String cause,
        String damageExtent,
        String damageScope) {}
