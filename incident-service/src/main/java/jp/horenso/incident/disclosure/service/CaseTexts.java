package jp.horenso.incident.disclosure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.disclosure.service.PersonalDataScreen.Source;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.repository.CisoReportRepository;
import jp.horenso.incident.review.repository.MeasureQuery;

/**
 * The free texts a case holds, where personal data of the people involved may be written: the record's title,
 * description, cause and damage, the response actions, comments on acknowledgements, and the reports to the CISO
 * with the CISO's instructions, and the informant of a report received on behalf of a vendor or citizen. A new kind
 * of communication kept with the case belongs here too.
 */
@ApplicationScoped
public class CaseTexts {

    private final EntityManager em;
    private final MeasureQuery measures;
    private final CisoReportRepository reports;
    private final ObjectMapper mapper;

    public CaseTexts(EntityManager em, MeasureQuery measures, CisoReportRepository reports, ObjectMapper mapper) {
        this.em = em;
        this.measures = measures;
        this.reports = reports;
        this.mapper = mapper;
    }

    public List<Source> of(Incident c) {
        List<Source> texts = new ArrayList<>();
        texts.add(new Source("title", c.title()));
        texts.add(new Source("description", c.description()));
        texts.add(new Source("cause", c.cause()));
        texts.add(new Source("damageExtent", c.damageExtent()));
        texts.add(new Source("damageScope", c.damageScope()));
        for (ResponseAction a : measures.of(c.id())) {
            texts.add(new Source("responseAction", a.description()));
        }
        em.createQuery(
                        "SELECT a.comment FROM Acknowledgement a WHERE a.incidentId = :id AND a.comment IS NOT NULL",
                        String.class)
                .setParameter("id", c.id())
                .getResultList()
                .forEach(comment -> texts.add(new Source("acknowledgement", comment)));
        if (c.informant() != null) {
            // 第43条1項: who a vendor's or citizen's report came from is never published.
            texts.add(new Source("informant", c.informant().name(), PersonalDataScreen.Kind.NAME));
            texts.add(new Source("informant", c.informant().contact(), PersonalDataScreen.Kind.CONTACT));
        }
        for (CisoReport r : reports.of(c.id())) {
            texts.add(new Source("cisoReport", summaryOf(r)));
            texts.add(new Source("cisoReport", r.instructions()));
        }
        return texts;
    }

    private String summaryOf(CisoReport r) {
        try {
            JsonNode summary = mapper.readTree(r.snapshot()).get("summary");
            return summary == null || summary.isNull() ? null : summary.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is not JSON", e);
        }
    }
}
