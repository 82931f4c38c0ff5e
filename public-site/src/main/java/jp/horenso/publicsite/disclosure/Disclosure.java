package jp.horenso.publicsite.disclosure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A published disclosure as incident-service's public endpoint gives it. Only these fields are read; anything else
 * the endpoint might send is ignored, so it can never reach a page.
 *
 * @param publicId the public number of the disclosure within its organisation
 * @param related the same case's other publications (earlier facts, recurrence-prevention follow-ups); single view only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Disclosure(
        int publicId,
        String organisation,
        Text methodLabel,
        OffsetDateTime publishedAt,
        Text title,
        Text body,
        List<String> recurrencePrevention,
        List<Related> related) {

    /** A text in Japanese and, optionally, English. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(String ja, String en) {

        /** The text in the language asked for, Japanese when there is no English. */
        public String in(String lang) {
            return "en".equals(lang) && en != null && !en.isBlank() ? en : ja;
        }
    }

    /** Another publication of the same case. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Related(
            int publicId,
            OffsetDateTime publishedAt,
            Text title,
            List<String> recurrencePrevention,
            boolean followUp) {}

    /** One page of an organisation's disclosures, newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<Disclosure> items, int page, int size, long total) {}
}
