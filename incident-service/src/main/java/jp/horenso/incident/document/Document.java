package jp.horenso.incident.document;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Map;

/**
 * A generated document as the template reads it: the header every document carries (organisation, case number,
 * version, generation time in ISO and 和暦, the SHA-256 of its source) and its sections, all text already in the
 * chosen language.
 *
 * @param lang {@code ja} or {@code en}
 * @param sourceSha256 SHA-256 (hex) of the snapshot or source record the document was generated from
 * @param banner highlighted lines under the title, e.g. a returned report's 差戻し and the CISO's instructions
 * @param labels the fixed words of the layout (page, case number …) in the document's language
 */
@TemplateData
public record Document(
        DocumentKind kind,
        String lang,
        String title,
        String basis,
        String to,
        String from,
        String organisation,
        String caseNumber,
        String version,
        String generatedIso,
        String generatedWareki,
        String sourceLabel,
        String sourceSha256,
        List<Field> banner,
        String note,
        List<Section> sections,
        Map<String, String> labels) {

    /** A label and its value. */
    @TemplateData
    public record Field(String label, String value) {}

    /** A table: its column headings and rows of cells. */
    @TemplateData
    public record Table(List<String> headings, List<List<String>> rows, String emptyText) {}

    /** A numbered section: a heading with paragraphs, label–value rows and/or a table. */
    @TemplateData
    public record Section(String heading, List<String> paragraphs, List<Field> fields, Table table) {

        public static Section fields(String heading, List<Field> fields) {
            return new Section(heading, List.of(), fields, null);
        }

        public static Section text(String heading, String... paragraphs) {
            return new Section(heading, List.of(paragraphs), List.of(), null);
        }

        public static Section table(String heading, Table table) {
            return new Section(heading, List.of(), List.of(), table);
        }
    }

    /** The file name a download is offered under, e.g. {@code INC-2026-000042-ciso-report-v2-ja.pdf}. */
    public String fileName(String extension) {
        return caseNumber + "-" + kind.slug() + "-" + version.replaceAll("[^0-9A-Za-z]+", "") + "-" + lang + "."
                + extension;
    }
}
