package jp.horenso.notification.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One try to deliver a notification, kept for the delivery log (配信記録). */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    /** Longest error text kept; also the event contract's limit. */
    public static final int MAX_ERROR_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "notification_id", nullable = false, updatable = false)
    private Notification notification;

    /** The notification's organisation, kept on the row so the delivery log is filtered by it. */
    @Column(name = "organisation", nullable = false, updatable = false)
    private String organisation;

    @Column(name = "attempt_number", nullable = false, updatable = false)
    private int attemptNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, updatable = false)
    private Channel channel;

    @Column(name = "attempted_at", nullable = false)
    private Instant attemptedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    private DeliveryOutcome outcome;

    @Column(name = "error")
    private String error;

    /** Tries within the attempt: the first plus the in-process retries. */
    @Column(name = "tries", nullable = false)
    private int tries = 1;

    /** Where the attempt went: a mail address, or a webhook's format and host. */
    @Column(name = "target", updatable = false)
    private String target;

    protected DeliveryAttempt() {
        // for Hibernate
    }

    public DeliveryAttempt(
            Notification notification,
            int attemptNumber,
            Channel channel,
            String target,
            Instant attemptedAt,
            DeliveryOutcome outcome,
            String error) {
        this.notification = notification;
        this.organisation = notification.organisation().code();
        this.attemptNumber = attemptNumber;
        this.channel = channel;
        this.target = target;
        record(attemptedAt, outcome, error, 1);
    }

    /** Sets what came of the attempt, after {@code tries} tries. */
    public void record(Instant at, DeliveryOutcome outcome, String error, int tries) {
        this.attemptedAt = at;
        this.outcome = outcome;
        this.error = truncate(error);
        this.tries = Math.max(1, tries);
    }

    /** Cuts an error text to what the table and the event contract keep. */
    public static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    public Long id() {
        return id;
    }

    public Notification notification() {
        return notification;
    }

    public int attemptNumber() {
        return attemptNumber;
    }

    public Channel channel() {
        return channel;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public DeliveryOutcome outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }

    public int tries() {
        return tries;
    }

    public String target() {
        return target;
    }
}
