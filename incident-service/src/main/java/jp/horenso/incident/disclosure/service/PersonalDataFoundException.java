package jp.horenso.incident.disclosure.service;

import java.util.List;
import java.util.Locale;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;

/**
 * A text meant for publication contains personal data: 422 problem+json ({@code disclosure.personal-data}) naming
 * each finding, in Japanese and English.
 */
public class PersonalDataFoundException extends ProblemException {

    private final transient List<PersonalDataScreen.Finding> findings;

    public PersonalDataFoundException(List<PersonalDataScreen.Finding> findings) {
        super(
                422,
                "disclosure.personal-data",
                null,
                Message.key("disclosure.personal-data.detail", findings.size()),
                findings.stream()
                        .map(f -> FieldProblem.of(f.field(), message(f)))
                        .toList());
        this.findings = List.copyOf(findings);
    }

    public List<PersonalDataScreen.Finding> findings() {
        return findings;
    }

    private static Message message(PersonalDataScreen.Finding f) {
        return Message.text(text(f, Locale.JAPANESE), text(f, Locale.ENGLISH));
    }

    private static String text(PersonalDataScreen.Finding f, Locale locale) {
        String kind = Message.key("disclosure.kind." + f.kind().name()).in(locale);
        if (f.source() == null) {
            return Message.key("disclosure.personal-data.pattern", kind, f.text())
                    .in(locale);
        }
        return Message.key(
                        "disclosure.personal-data.in-case",
                        kind,
                        f.text(),
                        Message.key("disclosure.source." + f.source()).in(locale))
                .in(locale);
    }
}
