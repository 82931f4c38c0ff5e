package jp.horenso.notification.notification.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.horenso.notification.notification.RenderedMessage;
import jp.horenso.notification.notification.config.IncidentConfig;
import jp.horenso.notification.notification.event.NotificationRequested;

/**
 * Renders the bilingual mail of a notification from the Qute templates in {@code templates/mail/} (one per
 * kind): Japanese first, then a separator and English.
 */
@ApplicationScoped
public class MailRenderer {

    /** Deadlines are shown in the time of the people who must meet them. */
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日(E) HH:mm '(日本時間)'",
            Locale.JAPANESE).withZone(JAPAN);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm 'JST (Asia/Tokyo)'",
            Locale.ENGLISH).withZone(JAPAN);

    @CheckedTemplate(basePath = "mail")
    static class Templates {

        static native TemplateInstance NEW_REPORT(MailModel m);

        static native TemplateInstance NEW_REPORT$subject(MailModel m);

        static native TemplateInstance ESCALATION(MailModel m);

        static native TemplateInstance ESCALATION$subject(MailModel m);
    }

    private final IncidentConfig incident;

    public MailRenderer(IncidentConfig incident) {
        this.incident = incident;
    }

    /** The mail for a request. */
    public RenderedMessage render(NotificationRequested request) {
        MailModel model = model(request);
        return switch (request.kind()) {
            case NEW_REPORT -> new RenderedMessage(subject(Templates.NEW_REPORT$subject(model)),
                    Templates.NEW_REPORT(model).render());
            case ESCALATION -> new RenderedMessage(subject(Templates.ESCALATION$subject(model)),
                    Templates.ESCALATION(model).render());
        };
    }

    private MailModel model(NotificationRequested request) {
        String base = incident.baseUrl().replaceAll("/+$", "");
        String caseLink = base + "/api/incidents/" + request.incidentId();
        Instant deadline = request.ackDeadline();
        return new MailModel(request.recipient().name(), request.incidentNumber(), caseLink,
                caseLink + "/acknowledgements",
                deadline == null ? "指定なし" : JA.format(deadline),
                deadline == null ? "none set" : EN.format(deadline),
                Boolean.TRUE.equals(request.drill()));
    }

    /** A subject is one line: the template's line breaks and surrounding blanks go. */
    private static String subject(TemplateInstance template) {
        return template.render().strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
