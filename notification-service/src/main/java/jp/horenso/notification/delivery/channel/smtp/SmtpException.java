package jp.horenso.notification.delivery.channel.smtp;

/**
 * An SMTP submission that did not end with the server's 250 to the final ".": the phase it stopped in and, when
 * the server answered, its reply code (0 when it did not: a time-out, a lost connection).
 */
public class SmtpException extends RuntimeException {

    private final SmtpPhase phase;
    private final int replyCode;

    public SmtpException(SmtpPhase phase, int replyCode, String message, Throwable cause) {
        super(phase + (replyCode > 0 ? " " + replyCode : "") + ": " + message, cause);
        this.phase = phase;
        this.replyCode = replyCode;
    }

    public SmtpPhase phase() {
        return phase;
    }

    /** The server's reply code, or 0 when it gave none. */
    public int replyCode() {
        return replyCode;
    }

    /**
     * Whether the message may have been accepted: the final "." went out and no answer came back. A refusal (any
     * reply code) or a stop in an earlier phase proves it was not.
     */
    public boolean outcomeUnknown() {
        return replyCode == 0 && phase.mayHaveAccepted();
    }
}
