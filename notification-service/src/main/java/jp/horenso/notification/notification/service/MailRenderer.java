package jp.horenso.notification.notification.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jp.horenso.notification.acknowledgement.service.AckLinks;
import jp.horenso.notification.notification.RenderedMessage;
import jp.horenso.notification.notification.channel.MessageItem;
import jp.horenso.notification.notification.config.IncidentConfig;
import jp.horenso.notification.notification.event.NotificationRequested;

/**
 * Renders what a notification says from the Qute templates in {@code templates/mail/}: one template per kind
 * with its title and sentences in Japanese and English, put into the common bilingual layout (Japanese first,
 * then a separator and English); and the digest of several notifications.
 */
@ApplicationScoped
public class MailRenderer {

    /** Deadlines are shown in the time of the people who must meet them. */
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日(E) HH:mm '(日本時間)'",
            Locale.JAPANESE).withZone(JAPAN);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm 'JST (Asia/Tokyo)'",
            Locale.ENGLISH).withZone(JAPAN);
    private static final String DRILL = "【訓練】[DRILL] ";
    /** The template of messages to outside bodies (関係機関), whatever their kind. */
    static final String OUTSIDE_BODY = "OUTSIDE_BODY";
    /** Case numbers named in a digest's subject before "and more". */
    private static final int DIGEST_SUBJECT_NUMBERS = 5;

    @CheckedTemplate(basePath = "mail")
    static class Templates {

        static native TemplateInstance layout(MailModel m, String ja, String en);

        static native TemplateInstance DIGEST(String recipientName, List<MessageItem> items, Boolean anyDrill);
    }

    private final Engine engine;
    private final IncidentConfig incident;
    private final AckLinks ackLinks;

    public MailRenderer(Engine engine, IncidentConfig incident, AckLinks ackLinks) {
        this.engine = engine;
        this.incident = incident;
        this.ackLinks = ackLinks;
    }

    /**
     * Everything a request's notification says. Hop notices carry a fresh acknowledgement link bound to the
     * recipient and the hop.
     */
    public RenderedMessage render(NotificationRequested request, Instant now) {
        boolean outside = request.isToOutsideBody();
        // An outside body cannot log in: it gets neither a link to the case nor one to acknowledge.
        String caseLink = incident.baseUrl().replaceAll("/+$", "") + "/api/incidents/" + request.incidentId();
        AckLinks.Link ack = !outside && request.kind().isHopNotice() && request.hopId() != null
                ? ackLinks.create(request.notificationId(), request.incidentId(), request.hopId(),
                        request.recipient().username(), now)
                : null;
        Instant deadline = request.ackDeadline();
        NotificationRequested.LegalDeadline legal = request.legalDeadline();
        Severity severity = Severity.of(request.severity());
        boolean drill = Boolean.TRUE.equals(request.drill());
        MailModel model = new MailModel(request.recipient().name(), request.incidentNumber(), severity.ja(),
                severity.en(), outside ? null : caseLink, ack == null ? null : ack.url(),
                ack == null ? null : JA.format(ack.expiresAt()), ack == null ? null : EN.format(ack.expiresAt()),
                deadline == null ? null : JA.format(deadline), deadline == null ? null : EN.format(deadline),
                legal == null ? null : ("FINAL".equals(legal.report()) ? "確報" : "速報"),
                legal == null ? null : ("FINAL".equals(legal.report()) ? "final report" : "prompt report"),
                legal == null ? null : legal.reportTo(), legal == null ? null : JA.format(legal.dueAt()),
                legal == null ? null : EN.format(legal.dueAt()), Boolean.TRUE.equals(request.deputy()), drill);

        Template kind = kindTemplate(outside ? OUTSIDE_BODY : request.kind().name());
        String ja = fragment(kind, "ja");
        String en = fragment(kind, "en");
        String subject = (drill ? DRILL : "") + severity.tag() + "【Horenso】" + fragment(kind, "titleJa") + " "
                + request.incidentNumber() + " / " + fragment(kind, "titleEn") + " " + request.incidentNumber();
        String body = Templates.layout(model, ja, en).render();
        String summary = (drill ? DRILL : "") + ja + "\n" + en;
        return new RenderedMessage(subject, body, summary, caseLink, model.ackLink());
    }

    /** The digest of several notifications to one person: each listed with its subject line and links. */
    public RenderedMessage renderDigest(String recipientName, List<MessageItem> items) {
        boolean anyDrill = items.stream().anyMatch(MessageItem::drill);
        Severity highest = Severity.of(items.stream().map(MessageItem::severity)
                .max(Comparator.comparingInt(Severity::rank)).orElse(null));
        String numbers = items.stream().map(MessageItem::incidentNumber).distinct().limit(DIGEST_SUBJECT_NUMBERS)
                .collect(Collectors.joining(", "));
        long distinct = items.stream().map(MessageItem::incidentNumber).distinct().count();
        String more = distinct > DIGEST_SUBJECT_NUMBERS ? " ほか / and more" : "";
        String subject = (anyDrill ? "【訓練を含む】[INCLUDES DRILL] " : "") + highest.tag() + "【Horenso】まとめ "
                + items.size() + "件 " + numbers + more + " / Digest of " + items.size() + ": " + numbers + more;
        String body = Templates.DIGEST(recipientName, items, anyDrill).render();
        String summary = items.stream().map(MessageItem::subject).collect(Collectors.joining("\n"));
        return new RenderedMessage(subject, body, summary, null, null);
    }

    private Template kindTemplate(String name) {
        Template template = engine.getTemplate("mail/" + name);
        if (template == null) {
            throw new IllegalStateException("no template mail/" + name + ".txt");
        }
        return template;
    }

    /** A fragment's text, without the line breaks around it. */
    private static String fragment(Template template, String id) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalStateException("template " + template.getId() + " has no fragment " + id);
        }
        return fragment.instance().render().strip();
    }
}
