package jp.horenso.incident.disclosure.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureMethod;
import jp.horenso.incident.disclosure.DisclosurePublication;

/**
 * A published disclosure as anyone may read it: the approved text and when and how it was published. No case id,
 * case number, author or other internal field.
 */
public record PublicDisclosureView(
        UUID id,
        String organisation,
        DisclosureMethod method,
        Text methodLabel,
        OffsetDateTime publishedAt,
        Text title,
        Text body,
        List<String> recurrencePrevention) {

    /** A text in Japanese and (optionally) English. */
    public record Text(String ja, String en) {}

    public static PublicDisclosureView of(DisclosurePublication p) {
        return new PublicDisclosureView(
                p.id(),
                p.organisation(),
                p.method(),
                new Text(p.method().japanese(), p.method().english()),
                p.publishedAt(),
                new Text(p.titleJa(), p.titleEn()),
                new Text(p.bodyJa(), p.bodyEn()),
                p.recurrencePrevention() == null ? List.of() : p.recurrencePrevention());
    }
}
