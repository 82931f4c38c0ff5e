package jp.horenso.notification.delivery;

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
import jp.horenso.platform.security.Organisation;

/**
 * A message Horenso was asked to deliver to one person about one case (通知), with its rendered content
 * and its delivery state.
 *
 * <p>Rows are created by a plain {@code INSERT … ON CONFLICT (notification_id) DO NOTHING} (see
 * {@code NotificationRepository#insertIfAbsent}), so this class has no public constructor. A notification
 * travels the recipient's route (its channels in failover order): PENDING (or HELD for a digest), SENDING under
 * a worker's lease, RETRY, and on to the next channel when one keeps failing; it ends SENT or FAILED.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "notification_id", nullable = false, updatable = false, unique = true)
    private UUID notificationId;

    /** The organisation whose case and person this is (the event's organisation); never changes. */
    @Column(name = "organisation", nullable = false, updatable = false)
    private String organisation;

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

    @Column(name = "summary", nullable = false, updatable = false)
    private String summary;

    @Column(name = "case_link", nullable = false, updatable = false)
    private String caseLink;

    @Column(name = "ack_link", updatable = false)
    private String ackLink;

    /** The recipient_channel row in use; null for the default route (mail to the request's address). */
    @Column(name = "endpoint_id")
    private Long endpointId;

    @Column(name = "endpoint_position", nullable = false)
    private int endpointPosition;

    /** Attempts on the current channel; the recipient's next channel is tried when they run out. */
    @Column(name = "channel_attempts", nullable = false)
    private int channelAttempts;

    /** The notification whose digest carries this one (GROUPED), or null. */
    @Column(name = "digest_leader_id")
    private Long digestLeaderId;

    @Column(name = "digest_subject")
    private String digestSubject;

    @Column(name = "digest_body")
    private String digestBody;

    @Column(name = "digest_summary")
    private String digestSummary;

    /** The user name whose notice this is a copy of (第9条: the vice-CISO's copy of the CISO's), or null. */
    @Column(name = "copy_of", updatable = false)
    private String copyOf;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    /** Why it was never sent: the case's chain stopped because it was CLOSED or WITHDRAWN. */
    @Column(name = "cancel_reason")
    private String cancelReason;

    protected Notification() {
        // for Hibernate
    }

    /** Hands the notification to a worker until {@code leaseUntil}; returns the number of this attempt. */
    public int claim(Instant leaseUntil) {
        this.status = NotificationStatus.SENDING;
        this.attempts++;
        this.channelAttempts++;
        this.leaseUntil = leaseUntil;
        return attempts;
    }

    /** Makes this notification the carrier of a digest of itself and others, with the digest's own text. */
    public void leadDigest(String subject, String body, String summary) {
        this.digestSubject = subject;
        this.digestBody = body;
        this.digestSummary = summary;
    }

    /** Puts this held notification into the digest that {@code leader} carries. */
    public void joinDigest(Notification leader) {
        this.status = NotificationStatus.GROUPED;
        this.digestLeaderId = leader.id();
    }

    /** Ends a digest member the way its leader ended: delivered or failed, on the leader's channel. */
    public void follow(Notification leader) {
        this.status = leader.status;
        this.channel = leader.channel;
        this.attempts = leader.attempts;
        this.sentAt = leader.sentAt;
        this.failedAt = leader.failedAt;
        this.lastError = leader.lastError;
        this.leaseUntil = null;
    }

    /**
     * Never sends the notification: the case's chain stopped ({@code reason} CLOSED or WITHDRAWN). It leaves any
     * digest it was grouped into, so the digest's carrier goes out without it.
     */
    public void cancel(String reason, Instant at) {
        this.status = NotificationStatus.CANCELLED;
        this.cancelReason = reason;
        this.cancelledAt = at;
        this.leaseUntil = null;
        this.digestLeaderId = null;
    }

    /** Takes a grouped notification out of a digest whose carrier was cancelled: it goes out on its own, now. */
    public void release(Instant now) {
        this.status = NotificationStatus.PENDING;
        this.digestLeaderId = null;
        this.nextAttemptAt = now;
    }

    /** Moves the notification to the recipient's next channel, to be tried at once. */
    public void moveTo(Channel channel, Long endpointId, int position, Instant now, String error) {
        this.status = NotificationStatus.PENDING;
        this.channel = channel;
        this.endpointId = endpointId;
        this.endpointPosition = position;
        this.channelAttempts = 0;
        this.nextAttemptAt = now;
        this.leaseUntil = null;
        this.lastError = error;
    }

    /**
     * Settles a notification whose send may or may not have arrived and must not be repeated: it is in the
     * in-app inbox for certain, so that is the channel of record.
     */
    public void settleInInbox(Instant at, String note) {
        this.status = NotificationStatus.SENT;
        this.channel = Channel.INBOX;
        this.sentAt = at;
        this.leaseUntil = null;
        this.lastError = note;
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

    public Long id() {
        return id;
    }

    public UUID notificationId() {
        return notificationId;
    }

    public Organisation organisation() {
        return Organisation.of(organisation);
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    public UUID hopId() {
        return hopId;
    }

    public String step() {
        return step;
    }

    public NotificationKind kind() {
        return kind;
    }

    public boolean drill() {
        return drill;
    }

    public Channel channel() {
        return channel;
    }

    public String recipientUsername() {
        return recipientUsername;
    }

    public String recipientName() {
        return recipientName;
    }

    public String recipientEmail() {
        return recipientEmail;
    }

    public String recipientLocale() {
        return recipientLocale;
    }

    public Instant ackDeadline() {
        return ackDeadline;
    }

    public String severity() {
        return severity;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public String lastError() {
        return lastError;
    }

    public UUID requestEventId() {
        return requestEventId;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant failedAt() {
        return failedAt;
    }

    public String summary() {
        return summary;
    }

    public String caseLink() {
        return caseLink;
    }

    public String ackLink() {
        return ackLink;
    }

    public Long endpointId() {
        return endpointId;
    }

    public int endpointPosition() {
        return endpointPosition;
    }

    public int channelAttempts() {
        return channelAttempts;
    }

    public Long digestLeaderId() {
        return digestLeaderId;
    }

    public String digestSubject() {
        return digestSubject;
    }

    public String digestBody() {
        return digestBody;
    }

    public String digestSummary() {
        return digestSummary;
    }

    public String copyOf() {
        return copyOf;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String cancelReason() {
        return cancelReason;
    }
}
