package jp.horenso.notification.delivery.service;

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
import java.util.Map;
import java.util.stream.Collectors;
import jp.horenso.notification.acknowledgement.service.AckLinks;
import jp.horenso.notification.config.IncidentConfig;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.NotificationKind;
import jp.horenso.notification.delivery.RenderedMessage;
import jp.horenso.notification.delivery.channel.MessageItem;
import jp.horenso.notification.delivery.event.NotificationRequested;

/**
 * Renders what a notification says from the Qute templates in {@code templates/mail/}: one template per kind
 * with its title and sentences in Japanese and English, put into the common bilingual layout (Japanese first,
 * then a separator and English); and the digest of several notifications.
 */
@ApplicationScoped
public class MailRenderer {

    /** Deadlines are shown in the time of the people who must meet them. */
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern(
                    "uuuu年M月d日(E) HH:mm '(日本時間)'", Locale.JAPANESE)
            .withZone(JAPAN);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern(
                    "EEE d MMM uuuu, HH:mm 'JST (Asia/Tokyo)'", Locale.ENGLISH)
            .withZone(JAPAN);
    private static final DateTimeFormatter DATE_JA = DateTimeFormatter.ofPattern("uuuu年M月d日(E)", Locale.JAPANESE);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final String DRILL = "【訓練】[DRILL] ";
    /** A copy for someone other than the addressee (e.g. the vice-CISO's copy of the CISO's notice, 第9条). */
    private static final String COPY = "【写し】[Copy] ";

    private static final Map<String, String> LEGAL_REPORT_JA =
            Map.of("PROMPT", "速報", "FINAL", "確報", "PERSONS_NOTICE", "本人通知");
    private static final Map<String, String> LEGAL_REPORT_EN = Map.of(
            "PROMPT", "prompt report", "FINAL", "final report", "PERSONS_NOTICE", "notice to the persons concerned");
    /** Response actions in the words of 第44条3項・4項. */
    private static final Map<String, String> ACTION_JA =
            Map.of("CONTAINMENT", "応急措置", "RECOVERY", "復旧", "RECURRENCE_PREVENTION", "再発防止策");

    private static final Map<String, String> ACTION_EN = Map.of(
            "CONTAINMENT", "containment", "RECOVERY", "recovery", "RECURRENCE_PREVENTION", "recurrence prevention");
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
    private final NotificationConfig config;

    public MailRenderer(Engine engine, IncidentConfig incident, AckLinks ackLinks, NotificationConfig config) {
        this.engine = engine;
        this.incident = incident;
        this.ackLinks = ackLinks;
        this.config = config;
    }

    /**
     * Everything a request's notification says. Hop notices carry a fresh acknowledgement link bound to the
     * recipient and the hop (a copy for someone else does not: the addressee acknowledges); messages about a
     * decision link to the case's page in the web console.
     */
    public RenderedMessage render(NotificationRequested request, Instant now) {
        boolean outside = request.isToOutsideBody();
        NotificationKind kind = request.kind();
        // An outside body cannot log in: it gets neither a link to the case nor one to acknowledge.
        String caseLink = kind.isDecision()
                ? config.consoleBaseUrl().replaceAll("/+$", "") + "/cases/" + request.incidentId()
                : incident.baseUrl().replaceAll("/+$", "") + "/api/incidents/" + request.incidentId();
        AckLinks.Link ack = !outside && kind.isHopNotice() && request.hopId() != null && !request.isCopy()
                ? ackLinks.create(
                        request.notificationId(),
                        request.incidentId(),
                        request.hopId(),
                        request.recipient().username(),
                        request.ackDeadline(),
                        now)
                : null;
        Instant deadline = request.ackDeadline();
        NotificationRequested.LegalDeadline legal = request.legalDeadline();
        NotificationRequested.ResponseAction action = request.responseAction();
        // A decision about a case whose severity the sender did not state says nothing about it, rather than
        // calling a case that reached the CISO "unassessed".
        Severity severity = request.severity() == null && kind.isDecision() ? null : Severity.of(request.severity());
        boolean drill = Boolean.TRUE.equals(request.drill());
        Template template = kindTemplate(outside ? OUTSIDE_BODY : kind.name());
        // Staff's notes are for the organisation's own people, not for outside bodies.
        List<String> note = outside ? List.of() : noteLines(request.note());
        MailModel model = new MailModel(
                request.recipient().name(),
                request.incidentNumber(),
                severity == null ? null : severity.ja(),
                severity == null ? null : severity.en(),
                outside ? null : caseLink,
                ack == null ? null : ack.url(),
                ack == null ? null : JA.format(ack.expiresAt()),
                ack == null ? null : EN.format(ack.expiresAt()),
                deadline == null ? null : JA.format(deadline),
                deadline == null ? null : EN.format(deadline),
                legal == null ? null : LEGAL_REPORT_JA.getOrDefault(legal.report(), legal.report()),
                legal == null ? null : LEGAL_REPORT_EN.getOrDefault(legal.report(), legal.report()),
                legal == null ? null : legal.reportTo(),
                legal == null ? null : JA.format(legal.dueAt()),
                legal == null ? null : EN.format(legal.dueAt()),
                Boolean.TRUE.equals(request.deputy()),
                drill,
                request.isCopy() && !outside ? request.copyOf() : null,
                kind.isHopNotice() && request.hopId() != null,
                note,
                optionalFragment(template, "noteJa", "コメント"),
                optionalFragment(template, "noteEn", "Comment"),
                request.reportVersion(),
                action == null ? null : ACTION_JA.getOrDefault(action.kind(), action.kind()),
                action == null ? null : ACTION_EN.getOrDefault(action.kind(), action.kind()),
                action == null || action.dueDate() == null ? null : DATE_JA.format(action.dueDate()),
                action == null || action.dueDate() == null ? null : DATE_EN.format(action.dueDate()));

        String ja = fragment(template, "ja", model);
        String en = fragment(template, "en", model);
        String marks = (drill ? DRILL : "") + (model.copyOf() != null ? COPY : "");
        String subject = marks + (severity == null ? "" : severity.tag()) + "【Horenso】"
                + fragment(template, "titleJa", model) + " " + request.incidentNumber() + " / "
                + fragment(template, "titleEn", model) + " " + request.incidentNumber();
        String body = Templates.layout(model, ja, en).render();
        StringBuilder summary = new StringBuilder(drill ? DRILL : "");
        if (model.copyOf() != null) {
            summary.append(COPY)
                    .append(model.copyOf())
                    .append(" 宛ての通知の写しです。 / A copy of the notice to ")
                    .append(model.copyOf())
                    .append(".\n");
        }
        summary.append(ja).append('\n').append(en);
        if (!note.isEmpty()) {
            summary.append('\n')
                    .append(model.noteLabelJa())
                    .append(" / ")
                    .append(model.noteLabelEn())
                    .append(':');
            note.forEach(line -> summary.append("\n> ").append(line));
        }
        return new RenderedMessage(subject, body, summary.toString(), caseLink, model.ackLink());
    }

    /** The note's lines, trimmed at the end; empty without a note. */
    static List<String> noteLines(String note) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        return note.strip().lines().map(String::stripTrailing).toList();
    }

    /** The digest of several notifications to one person: each listed with its subject line and links. */
    public RenderedMessage renderDigest(String recipientName, List<MessageItem> items) {
        boolean anyDrill = items.stream().anyMatch(MessageItem::drill);
        Severity highest = Severity.of(items.stream()
                .map(MessageItem::severity)
                .max(Comparator.comparingInt(Severity::rank))
                .orElse(null));
        String numbers = items.stream()
                .map(MessageItem::incidentNumber)
                .distinct()
                .limit(DIGEST_SUBJECT_NUMBERS)
                .collect(Collectors.joining(", "));
        long distinct =
                items.stream().map(MessageItem::incidentNumber).distinct().count();
        String more = distinct > DIGEST_SUBJECT_NUMBERS ? " ほか / and more" : "";
        String subject = (anyDrill ? "【訓練を含む】[INCLUDES DRILL] " : "") + highest.tag() + "【Horenso】まとめ " + items.size()
                + "件 " + numbers + more + " / Digest of " + items.size() + ": " + numbers + more;
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
    private static String fragment(Template template, String id, MailModel model) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalStateException("template " + template.getId() + " has no fragment " + id);
        }
        return fragment.instance().data("m", model).render().strip();
    }

    /** A fragment a kind may have (e.g. how it introduces the note), or {@code otherwise}. */
    private static String optionalFragment(Template template, String id, String otherwise) {
        Template.Fragment fragment = template.getFragment(id);
        return fragment == null ? otherwise : fragment.instance().render().strip();
    }
}
