package jp.horenso.incident.cases.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import jp.horenso.incident.assessment.classification.ClassificationSchemes;
import jp.horenso.incident.assessment.classification.ClassificationSchemes.Axis;
import jp.horenso.incident.assessment.service.AssessmentService;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.InformationAsset;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * Keeps the CSIRT's record of a case (第44条4項). Every change is written on the timeline with its before and after,
 * then severity and legal duties are recomputed; a write based on a stale version is refused.
 */
@ApplicationScoped
@Transactional
public class CaseRecordService {

    private final IncidentService incidents;
    private final ClassificationSchemes schemes;
    private final AssessmentService assessment;
    private final TimelineService timeline;
    private final ObjectMapper mapper;
    private final JapanTime clock;

    public CaseRecordService(
            IncidentService incidents,
            ClassificationSchemes schemes,
            AssessmentService assessment,
            TimelineService timeline,
            ObjectMapper mapper,
            JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.schemes = schemes;
        this.assessment = assessment;
        this.timeline = timeline;
        this.mapper = mapper;
    }

    public Incident update(Caller caller, UUID id, Long expectedVersion, RecordCase r) {
        Incident c = incidents.visible(caller, id);
        requireOpen(c);
        requireVersion(c, expectedVersion);
        ClassificationSchemes.Scheme scheme = schemes.forOrganisation(c.organisation());
        checkLevels(scheme, r.assets());

        Map<String, Object> before = snapshot(c);
        c.reviseRecord(
                r.kind(),
                r.title().strip(),
                r.description().strip(),
                r.networkZone(),
                r.informationSystems() == null ? new ArrayList<>() : new ArrayList<>(r.informationSystems()),
                r.assets() == null ? new ArrayList<>() : new ArrayList<>(r.assets()),
                scheme.id(),
                r.personalData(),
                r.threatCategory(),
                r.functionalImpact(),
                r.informationImpact(),
                r.recoverability(),
                r.ongoing(),
                blankToNull(r.cause()),
                blankToNull(r.damageExtent()),
                blankToNull(r.damageScope()));
        Map<String, Object> after = snapshot(c);

        Map<String, Object> changes = new LinkedHashMap<>();
        before.forEach((field, old) -> {
            if (!Objects.equals(old, after.get(field))) {
                changes.put(field, beforeAfter(old, after.get(field)));
            }
        });
        if (!changes.isEmpty()) {
            timeline.append(
                    c.id(),
                    TimelineType.RECORD_UPDATED,
                    clock.now(),
                    caller.username(),
                    Map.of("changes", changes),
                    null);
            assessment.reassess(c, caller.username());
        }
        return c;
    }

    public Incident overrideSeverity(Caller caller, UUID id, Long expectedVersion, OverrideSeverity r) {
        Incident c = incidents.visible(caller, id);
        requireOpen(c);
        requireVersion(c, expectedVersion);
        assessment.override(c, r.severity(), r.reason().strip(), caller.username());
        return c;
    }

    private static void requireOpen(Incident c) {
        CaseGuards.requireOpen(c);
    }

    private static void requireVersion(Incident c, Long expectedVersion) {
        if (expectedVersion == null) {
            throw new ProblemException(428, "precondition.required");
        }
        if (expectedVersion != c.version()) {
            throw new ProblemException(412, "precondition.stale", c.number(), c.version());
        }
    }

    private static void checkLevels(ClassificationSchemes.Scheme scheme, List<InformationAsset> assets) {
        if (assets == null) {
            return;
        }
        List<FieldProblem> invalid = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            InformationAsset a = assets.get(i);
            check(invalid, scheme, Axis.confidentiality, a.confidentiality(), "assets[" + i + "].confidentiality");
            check(invalid, scheme, Axis.integrity, a.integrity(), "assets[" + i + "].integrity");
            check(invalid, scheme, Axis.availability, a.availability(), "assets[" + i + "].availability");
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
    }

    private static void check(
            List<FieldProblem> invalid, ClassificationSchemes.Scheme scheme, Axis axis, String level, String field) {
        if (scheme.normalise(axis, level) == null) {
            invalid.add(FieldProblem.of(
                    field, "field.classification-level", scheme.id(), String.join(", ", scheme.levels(axis))));
        }
    }

    private Map<String, Object> snapshot(Incident c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", c.kind());
        s.put("title", c.title());
        s.put("description", c.description());
        s.put("networkZone", c.networkZone());
        s.put("informationSystems", c.informationSystems());
        s.put("assets", c.assets());
        s.put("personalData", c.personalData());
        s.put("threatCategory", c.threatCategory());
        s.put("functionalImpact", c.functionalImpact());
        s.put("informationImpact", c.informationImpact());
        s.put("recoverability", c.recoverability());
        s.put("ongoing", c.ongoing());
        s.put("cause", c.cause());
        s.put("damageExtent", c.damageExtent());
        s.put("damageScope", c.damageScope());
        // Plain JSON values, so that comparison and the timeline see the same thing.
        Map<String, Object> plain = new LinkedHashMap<>();
        s.forEach((k, v) -> plain.put(k, v == null ? null : mapper.convertValue(v, Object.class)));
        return plain;
    }

    private static Map<String, Object> beforeAfter(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
