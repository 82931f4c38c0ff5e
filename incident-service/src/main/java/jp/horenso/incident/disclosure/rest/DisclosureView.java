package jp.horenso.incident.disclosure.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureDecision;
import jp.horenso.incident.disclosure.DisclosureDraft;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosureProposal;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.service.PersonalDataScreen;

/**
 * A case's disclosure as the CSIRT and CISO see it: what the rule proposes, what the CISO decided, every version of
 * the text (with any personal data it still contains), and what was published.
 */
public record DisclosureView(
        String incidentNumber,
        DisclosureProposal proposed,
        DecisionView decision,
        List<DraftView> drafts,
        List<PublicationView> publications) {

    /** The CISO's decision, next to the proposal it was made against. */
    public record DecisionView(
            DisclosureMethod method,
            String ja,
            String en,
            String note,
            String decidedBy,
            OffsetDateTime decidedAt,
            DisclosureMethod proposedMethod,
            boolean followsProposal) {

        public static DecisionView of(DisclosureDecision d) {
            return d == null
                    ? null
                    : new DecisionView(
                            d.method(),
                            d.method().japanese(),
                            d.method().english(),
                            d.note(),
                            d.decidedBy(),
                            d.decidedAt(),
                            d.proposedMethod(),
                            d.method() == d.proposedMethod());
        }
    }

    /**
     * One version of the text.
     *
     * @param personalData what the text would still reveal: it cannot be approved or published while this is not
     *     empty
     */
    public record DraftView(
            int version,
            String titleJa,
            String bodyJa,
            String titleEn,
            String bodyEn,
            List<String> recurrencePrevention,
            Integer acceptedReportVersion,
            String createdBy,
            OffsetDateTime createdAt,
            String approvedBy,
            OffsetDateTime approvedAt,
            UUID publicationId,
            List<PersonalDataScreen.Finding> personalData) {

        public static DraftView of(DisclosureDraft d, UUID publicationId, List<PersonalDataScreen.Finding> findings) {
            return new DraftView(
                    d.key().version(),
                    d.titleJa(),
                    d.bodyJa(),
                    d.titleEn(),
                    d.bodyEn(),
                    d.recurrencePrevention(),
                    d.acceptedReportVersion(),
                    d.createdBy(),
                    d.createdAt(),
                    d.approvedBy(),
                    d.approvedAt(),
                    publicationId,
                    findings);
        }
    }

    /**
     * A publication of an approved version.
     *
     * @param publicId its number on the public site (per organisation); null for a drill, which is never public
     */
    public record PublicationView(
            UUID id,
            Integer publicId,
            int draftVersion,
            DisclosureMethod method,
            OffsetDateTime publishedAt,
            String publishedBy,
            boolean drill) {

        public static PublicationView of(DisclosurePublication p) {
            return new PublicationView(
                    p.id(),
                    p.publicNumber(),
                    p.draftVersion(),
                    p.method(),
                    p.publishedAt(),
                    p.publishedBy(),
                    p.drill());
        }
    }
}
