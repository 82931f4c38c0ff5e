package jp.horenso.incident.disclosure.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import jp.horenso.incident.common.problem.Problem;
import jp.horenso.incident.common.problem.ProblemMessages;
import jp.horenso.incident.disclosure.service.PersonalDataFoundException;
import jp.horenso.incident.disclosure.service.PersonalDataScreen;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a disclosure text with personal data in it with 422 problem+json naming each finding (ja/en). */
public class PersonalDataProblemMapper {

    static final String TYPE = "https://horenso.example.jp/problems/disclosure.personal-data";

    @ServerExceptionMapper
    public Response personalData(PersonalDataFoundException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        List<Problem.FieldError> errors = e.findings().stream()
                .map(f -> new Problem.FieldError(f.field(), message(locale, f))).toList();
        Problem problem = new Problem(TYPE, ProblemMessages.text(locale, "title.422"), 422,
                ProblemMessages.text(locale, "disclosure.personal-data.detail", errors.size()), uri.getPath(), errors);
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String message(Locale locale, PersonalDataScreen.Finding f) {
        String kind = ProblemMessages.text(locale, "disclosure.kind." + f.kind().name());
        if (f.source() == null) {
            return ProblemMessages.text(locale, "disclosure.personal-data.pattern", kind, f.text());
        }
        return ProblemMessages.text(locale, "disclosure.personal-data.in-case", kind, f.text(),
                ProblemMessages.text(locale, "disclosure.source." + f.source()));
    }
}
