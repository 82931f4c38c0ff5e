package jp.horenso.escalation.notice;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.notice.event.NotificationRequested;
import jp.horenso.escalation.notice.event.NotificationRequested.LegalDeadline;
import jp.horenso.escalation.notice.event.NotificationRequested.Recipient;
import jp.horenso.escalation.notice.event.NotificationRequested.ResponseActionRef;

/**
 * One notice to one person (a NotificationRequested), built field by field. Its {@code notificationId} is
 * derived from what caused it ({@code cause}: the incoming event, the hop, the timer), its kind and its
 * recipient, so a redelivered cause requests nothing twice downstream.
 */
public final class Notice {

    private final ChainRun run;
    private final String kind;
    private final String cause;
    private Recipient recipient;
    private UUID hopId;
    private Position step;
    private Instant ackDeadline;
    private Integer attempt;
    private Boolean deputy;
    private String deputyFor;
    private String outsideBody;
    private LegalDeadline legalDeadline;
    private String note;
    private String copyOf;
    private Integer reportVersion;
    private ResponseActionRef responseAction;

    private Notice(ChainRun run, String kind, String cause) {
        this.run = run;
        this.kind = kind;
        this.cause = cause;
    }

    /**
     * A notice of {@code kind} about {@code run}'s case.
     *
     * @param cause what the notice comes from, unique per occasion (an event id, a hop id, a timer and its time)
     */
    public static Notice of(ChainRun run, String kind, String cause) {
        return new Notice(run, kind, cause);
    }

    public Notice to(Person person) {
        this.recipient = new Recipient(person.username(), person.displayName(), person.email(), person.locale());
        return this;
    }

    public Notice to(Recipient recipient) {
        this.recipient = recipient;
        return this;
    }

    public Notice hop(UUID hopId, Position step, Instant ackDeadline, int attempt, boolean deputy, String deputyFor) {
        this.hopId = hopId;
        this.step = step;
        this.ackDeadline = ackDeadline;
        this.attempt = attempt;
        this.deputy = deputy ? Boolean.TRUE : null;
        this.deputyFor = deputyFor;
        return this;
    }

    public Notice outsideBody(String id) {
        this.outsideBody = id;
        return this;
    }

    public Notice legalDeadline(LegalDeadline deadline) {
        this.legalDeadline = deadline;
        return this;
    }

    public Notice note(String note) {
        this.note = note == null || note.isBlank() ? null : note;
        return this;
    }

    public Notice reportVersion(Integer version) {
        this.reportVersion = version;
        return this;
    }

    public Notice responseAction(ResponseActionRef action) {
        this.responseAction = action;
        return this;
    }

    public String kind() {
        return kind;
    }

    public Recipient recipient() {
        return recipient;
    }

    public Position step() {
        return step;
    }

    public boolean toOutsideBody() {
        return outsideBody != null;
    }

    /**
     * The same notice for {@code vice}, as a copy of what {@code ciso} receives (第9条: the vice-CISO assists the
     * CISO). The copy has no hop of its own: it cannot be acknowledged.
     */
    public Notice copyFor(Person vice, String ciso) {
        Notice copy = new Notice(run, kind, cause);
        copy.to(vice);
        copy.step = step;
        copy.ackDeadline = ackDeadline;
        copy.attempt = attempt;
        copy.legalDeadline = legalDeadline;
        copy.note = note;
        copy.reportVersion = reportVersion;
        copy.responseAction = responseAction;
        copy.copyOf = ciso;
        return copy;
    }

    /** The event's data. */
    public NotificationRequested build() {
        if (recipient == null) {
            throw new IllegalStateException("a notice needs a recipient");
        }
        return new NotificationRequested(
                id(cause, kind, recipient.username()),
                run.incidentId(),
                run.incidentNumber(),
                kind,
                hopId,
                step,
                recipient,
                ackDeadline,
                run.severity(),
                run.drill(),
                attempt,
                deputy,
                deputyFor,
                outsideBody,
                legalDeadline,
                note,
                copyOf,
                reportVersion,
                responseAction);
    }

    /** The name-based (version 3) UUID of a notice: the same cause, kind and recipient give the same id. */
    static UUID id(String cause, String kind, String recipient) {
        return UUID.nameUUIDFromBytes(
                ("horenso-notice|" + cause + "|" + kind + "|" + recipient).getBytes(StandardCharsets.UTF_8));
    }
}
