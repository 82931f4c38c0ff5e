package jp.horenso.notification.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.notification.config.NotificationConfig;

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
        mailer.send(compose(message));
    }

    /** The mail for a message; its Message-ID is derived from the notification id. */
    public Mail compose(OutgoingMessage message) {
        // A fixed Message-ID lets a later check find out whether a mail left before a crash, and lets mail
        // clients drop a copy sent twice.
        return Mail.withText(message.address(), message.subject(), message.body())
                .setFrom(from)
                .addHeader("Message-ID", messageId(message.notificationId()));
    }

    /** {@code <notification-id@sender-domain>}. */
    public String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + from.substring(from.lastIndexOf('@') + 1) + ">";
    }
}
