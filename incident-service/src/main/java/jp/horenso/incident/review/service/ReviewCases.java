package jp.horenso.incident.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.cases.service.CaseGuards;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * What the review steps share: the case locked and checked, a report by version, a stored snapshot read back, and
 * the review's clock and text helpers.
 */
@ApplicationScoped
public class ReviewCases {

    private final IncidentRepository incidentRows;
    private final IncidentService incidents;
    private final CisoReportRepository reports;
    private final ObjectMapper mapper;

    public ReviewCases(
            IncidentRepository incidentRows,
            IncidentService incidents,
            CisoReportRepository reports,
            ObjectMapper mapper) {
        this.incidentRows = incidentRows;
        this.incidents = incidents;
        this.reports = reports;
        this.mapper = mapper;
    }

    /** The case, row-locked first, if the caller may see it (else 404). */
    Incident lockVisible(Caller caller, UUID incidentId) {
        // Load with a row lock first: the access check below then sees the same, locked entity.
        incidentRows.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
        return incidents.visible(caller, incidentId);
    }

    /** A withdrawn or closed case takes no more review steps. */
    static void requireOpen(Incident c) {
        CaseGuards.requireNotWithdrawn(c);
        if (c.state() == IncidentState.CLOSED) {
            throw new ProblemException(409, "review.case-closed", c.number());
        }
    }

    /** The report of that version, or 404. */
    CisoReport report(Incident c, int version) {
        CisoReport r = reports.find(c.id(), version);
        if (r == null) {
            throw new ProblemException(404, "review.report-not-found", c.number(), version);
        }
        return r;
    }

    /** A stored snapshot as JSON. */
    JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is not JSON", e);
        }
    }

    static Map<String, Object> beforeAfter(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
