package jp.horenso.notification.delivery.channel;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.channel.smtp.SmtpClient;
import jp.horenso.notification.delivery.channel.smtp.SmtpException;

/**
 * Sends notifications as plain-text UTF-8 mail through the configured SMTP server, with an SMTP client that knows
 * how far each submission got ({@link SmtpClient}): a failure before the message's final "." went out proves the
 * server did not take it (retried like any failure); a final "." left unanswered is an unknown outcome.
 */
@ApplicationScoped
public class MailSender implements ChannelSender {

    private final SmtpClient smtp;
    private final String from;

    @Inject
    public MailSender(NotificationConfig config) {
        this(new SmtpClient(server(config.mail())), config);
    }

    /** The SMTP client is a parameter so a test can hand in one that points somewhere else. */
    public MailSender(SmtpClient smtp, NotificationConfig config) {
        this.smtp = smtp;
        this.from = config.mail().from();
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public void send(OutgoingMessage message) {
        String content = new MailEncoder(compose(message), domain()).encode();
        try {
            smtp.send(from, message.address(), content);
        } catch (SmtpException e) {
            throw classify(e);
        }
    }

    /** The mail for a message; its Message-ID is derived from the notification id. */
    public MailMessage compose(OutgoingMessage message) {
        // A fixed Message-ID lets mail clients and archives recognise a copy as the same message.
        return new MailMessage()
                .setFrom(from)
                .setTo(message.address())
                .setSubject(message.subject())
                .setText(message.body())
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", messageId(message.notificationId())));
    }

    /** {@code <notification-id@sender-domain>}. */
    public String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + domain() + ">";
    }

    private String domain() {
        return from.substring(from.lastIndexOf('@') + 1);
    }

    /**
     * A refusal or a stop before the final "." proves nothing was delivered: a failure, retried. A final "." left
     * unanswered (a time-out, a lost connection) may have delivered it: in doubt, sent again at most once, with the
     * same Message-ID ({@code DeliveryService}).
     */
    static RuntimeException classify(SmtpException error) {
        if (error.outcomeUnknown()) {
            return new DeliveryInDoubtException(error.getMessage(), error, true);
        }
        return new DeliveryFailedException(error.getMessage(), error);
    }

    private static SmtpClient.Server server(NotificationConfig.Mail mail) {
        NotificationConfig.Smtp smtp = mail.smtp();
        return new SmtpClient.Server(
                smtp.host(),
                smtp.port(),
                smtp.tls(),
                smtp.startTls(),
                smtp.username(),
                smtp.password(),
                smtp.commandTimeout(),
                smtp.endOfDataTimeout(),
                mail.from().substring(mail.from().lastIndexOf('@') + 1));
    }
}
