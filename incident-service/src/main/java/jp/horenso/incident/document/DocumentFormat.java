package jp.horenso.incident.document;

import java.util.List;
import java.util.Locale;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;

/** The two forms a document is delivered in. */
public enum DocumentFormat {
    PDF("application/pdf", "pdf"),
    HTML("text/html;charset=utf-8", "html");

    private final String mediaType;
    private final String extension;

    DocumentFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code pdf} (the default) or {@code html}; anything else is a 400 naming the parameter. */
    public static DocumentFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return PDF;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "pdf" -> PDF;
            case "html" -> HTML;
            default ->
                throw ProblemException.invalidFields(List.of(FieldProblem.of("format", "field.enum", "pdf, html")));
        };
    }

    /** {@code ja} (the default) or {@code en}; anything else is a 400 naming the parameter. */
    public static String language(String value) {
        if (value == null || value.isBlank()) {
            return "ja";
        }
        String lang = value.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("ja") && !lang.equals("en")) {
            throw ProblemException.invalidFields(List.of(FieldProblem.of("lang", "field.enum", "ja, en")));
        }
        return lang;
    }
}
