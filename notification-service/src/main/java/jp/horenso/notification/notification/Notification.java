package jp.horenso.notification.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A message Horenso was asked to deliver to one person about one case (通知), with its rendered content
 * and its delivery state.
 *
 * <p>Rows are created by a plain {@code INSERT … ON CONFLICT (notification_id) DO NOTHING} (see
 * {@code NotificationRepository#insertIfAbsent}), so this class has no public constructor.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "notification_id", nullable = false, updatable = false, unique = true)
    private UUID notificationId;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private UUID incidentId;

    @Column(name = "incident_number", nullable = false, updatable = false)
    private String incidentNumber;

    @Column(name = "hop_id", updatable = false)
    private UUID hopId;

    @Column(name = "step", updatable = false)
    private String step;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "drill", nullable = false, updatable = false)
    private boolean drill;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    private Channel channel;

    @Column(name = "recipient_username", nullable = false, updatable = false)
    private String recipientUsername;

    @Column(name = "recipient_name", nullable = false, updatable = false)
    private String recipientName;

    @Column(name = "recipient_email", nullable = false, updatable = false)
    private String recipientEmail;

    @Column(name = "recipient_locale", nullable = false, updatable = false)
    private String recipientLocale;

    @Column(name = "ack_deadline", updatable = false)
    private Instant ackDeadline;

    @Column(name = "severity", updatable = false)
    private String severity;

    @Column(name = "subject", nullable = false, updatable = false)
    private String subject;

    @Column(name = "body", nullable = false, updatable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private NotificationStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "request_event_id", nullable = false, updatable = false)
    private UUID requestEventId;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    protected Notification() {
        // for Hibernate
    }

    /** Hands the notification to a worker until {@code leaseUntil}; returns the number of this attempt. */
    public int claim(Instant leaseUntil) {
        this.status = NotificationStatus.SENDING;
        this.attempts++;
        this.leaseUntil = leaseUntil;
        return attempts;
    }

    /** Whether the worker that made attempt {@code attempt} still owns the notification. */
    public boolean isHeldBy(int attempt) {
        return status == NotificationStatus.SENDING && attempts == attempt;
    }

    /** Records that the channel accepted the message. */
    public void markSent(Instant at) {
        this.status = NotificationStatus.SENT;
        this.sentAt = at;
        this.leaseUntil = null;
        this.lastError = null;
    }

    /** Schedules another attempt after a failed one. */
    public void scheduleRetry(Instant at, String error) {
        this.status = NotificationStatus.RETRY;
        this.nextAttemptAt = at;
        this.leaseUntil = null;
        this.lastError = error;
    }

    /** Gives up: no further attempt will be made. */
    public void markFailed(Instant at, String error) {
        this.status = NotificationStatus.FAILED;
        this.failedAt = at;
        this.leaseUntil = null;
        this.lastError = error;
    }

    public Long getId() {
        return id;
    }

    public UUID getNotificationId() {
        return notificationId;
    }

    public UUID getIncidentId() {
        return incidentId;
    }

    public String getIncidentNumber() {
        return incidentNumber;
    }

    public UUID getHopId() {
        return hopId;
    }

    public String getStep() {
        return step;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public boolean isDrill() {
        return drill;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getRecipientUsername() {
        return recipientUsername;
    }

    public String getRecipientName() {
        return recipientName;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public String getRecipientLocale() {
        return recipientLocale;
    }

    public Instant getAckDeadline() {
        return ackDeadline;
    }

    public String getSeverity() {
        return severity;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public String getLastError() {
        return lastError;
    }

    public UUID getRequestEventId() {
        return requestEventId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getFailedAt() {
        return failedAt;
    }
}
