package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.disclosure.DisclosureDecision;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.repository.DisclosurePublicationRepository;

/**
 * Says where a case's public disclosure stands, in the words of the commission report's item 7 公表の実施状況
 * (regulatory.md R1): from the CISO's decision (第43条5項) and the publications.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DisclosureStatus {

    private static final DateTimeFormatter JAPANESE_DATE =
            DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(JapanTime.ZONE);

    private final EntityManager em;
    private final DisclosurePublicationRepository publications;

    public DisclosureStatus(EntityManager em, DisclosurePublicationRepository publications) {
        this.em = em;
        this.publications = publications;
    }

    /** Item 7 in Japanese, e.g. 「2026年12月6日 個別の報道発表により公表済み（公表番号 3）」. */
    public String japanese(UUID incidentId) {
        DisclosureDecision decision = em.find(DisclosureDecision.class, incidentId);
        List<DisclosurePublication> published = publications.of(incidentId);
        if (!published.isEmpty()) {
            return published.stream()
                    .map(p -> JAPANESE_DATE.format(p.publishedAt()) + " "
                            + p.method().japanese() + "により公表済み"
                            + (p.publicNumber() == null ? "" : "（公表番号 " + p.publicNumber() + "）"))
                    .collect(Collectors.joining("、"));
        }
        if (decision == null) {
            return "未定（公表の要否は CISO が判断前）";
        }
        if (decision.method() == DisclosureMethod.NONE) {
            return "公表しない（" + JAPANESE_DATE.format(decision.decidedAt()) + " CISO 判断）";
        }
        return decision.method().japanese() + "により公表予定（" + JAPANESE_DATE.format(decision.decidedAt()) + " CISO 判断、未公表）";
    }
}
