package jp.horenso.incident.disclosure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.rest.PublicDisclosureView.Text;

/**
 * A published disclosure of one organisation as anyone may read it (第43条5項, 第44条7項), addressed by its public
 * number: 1, 2, 3 … per organisation in the order of publication. No internal id, case number, author or other
 * internal field.
 *
 * @param publicId the public number
 * @param related the other publications of the same case, oldest first: the earlier facts and the
 *     recurrence-prevention follow-ups (続報); only in the single view
 */
public record PublicOrganisationDisclosureView(
        int publicId,
        String organisation,
        DisclosureMethod method,
        Text methodLabel,
        OffsetDateTime publishedAt,
        Text title,
        Text body,
        List<String> recurrencePrevention,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Related> related) {

    /**
     * Another publication of the same case.
     *
     * @param followUp published after this one
     */
    public record Related(
            int publicId,
            OffsetDateTime publishedAt,
            Text title,
            List<String> recurrencePrevention,
            boolean followUp) {}

    public static PublicOrganisationDisclosureView of(DisclosurePublication p, List<DisclosurePublication> related) {
        return new PublicOrganisationDisclosureView(
                p.publicNumber(),
                p.organisation(),
                p.method(),
                new Text(p.method().japanese(), p.method().english()),
                p.publishedAt(),
                new Text(p.titleJa(), p.titleEn()),
                new Text(p.bodyJa(), p.bodyEn()),
                measures(p),
                related == null
                        ? null
                        : related.stream()
                                .map(r -> new Related(
                                        r.publicNumber(),
                                        r.publishedAt(),
                                        new Text(r.titleJa(), r.titleEn()),
                                        measures(r),
                                        r.publishedAt().isAfter(p.publishedAt())
                                                || (r.publishedAt().isEqual(p.publishedAt())
                                                        && r.publicNumber() > p.publicNumber())))
                                .toList());
    }

    private static List<String> measures(DisclosurePublication p) {
        return p.recurrencePrevention() == null ? List.of() : p.recurrencePrevention();
    }

    /** One page of an organisation's published disclosures, newest first. */
    public record Page(
            String organisation, List<PublicOrganisationDisclosureView> items, int page, int size, long total) {}
}
