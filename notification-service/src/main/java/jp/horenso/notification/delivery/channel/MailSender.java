package jp.horenso.notification.delivery.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.Channel;

/** Sends notifications as plain-text UTF-8 mail through the configured SMTP server. */
@ApplicationScoped
public class MailSender implements ChannelSender {

    private final Mailer mailer;
    private final String from;

    /** The mailer is a parameter so a test can hand in a real mailer that points somewhere else. */
    public MailSender(Mailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.from = config.mail().from();
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public void send(OutgoingMessage message) {
        try {
            mailer.send(compose(message));
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    /** The mail for a message; its Message-ID is derived from the notification id. */
    public Mail compose(OutgoingMessage message) {
        // A fixed Message-ID lets mail clients and archives recognise a copy as the same message.
        return Mail.withText(message.address(), message.subject(), message.body())
                .setFrom(from)
                .addHeader("Message-ID", messageId(message.notificationId()));
    }

    /** {@code <notification-id@sender-domain>}. */
    public String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + from.substring(from.lastIndexOf('@') + 1) + ">";
    }

    /**
     * Which failures prove that nothing was delivered: no connection, or an error reply of the server (which
     * then has not accepted the message). Anything else — a time-out, a connection lost mid-transfer — may have
     * happened after the server took the message, so its outcome is unknown.
     */
    static RuntimeException classify(RuntimeException error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof SMTPException
                    || t instanceof SSLHandshakeException) {
                return new DeliveryFailedException(t.getClass().getSimpleName() + ": " + t.getMessage(), error);
            }
        }
        return new DeliveryInDoubtException(error.getClass().getSimpleName() + ": " + error.getMessage(), error);
    }
}
