package jp.horenso.notification.delivery.channel.smtp;

/**
 * How far an SMTP submission (RFC 5321) got. The server takes responsibility for a message only when it answers
 * 250 to the "." that ends the content (§4.1.1.4); until that "." has been written it cannot have accepted the
 * message, and a client that stops earlier leaves nothing behind (the server discards a transaction cut short).
 */
public enum SmtpPhase {
    /** Opening the TCP connection (and the TLS handshake of SMTPS). */
    CONNECT,
    /** Waiting for the server's 220 greeting. */
    GREETING,
    EHLO,
    STARTTLS,
    AUTH,
    MAIL_FROM,
    RCPT_TO,
    /** The DATA command, until the server's 354. */
    DATA,
    /** Writing the message's content, before its final ".". */
    CONTENT,
    /** The final "." has been written (or was being written): only the server's answer tells whether it took it. */
    END_OF_DATA;

    /** Whether the server may have accepted the message when the submission stopped without an answer here. */
    public boolean mayHaveAccepted() {
        return this == END_OF_DATA;
    }
}
