package jp.horenso.notification.delivery.channel.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.Ports;
import jp.horenso.notification.support.SmtpFaultProxy;
import jp.horenso.notification.support.SmtpFaultProxy.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP client against a real SMTP server (GreenMail, as the local stack runs it), with faults injected by a TCP
 * proxy at each phase of the submission: where it stops tells whether the server can have taken the message.
 */
class SmtpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String FROM = "horenso@demo-city.example.jp";
    private static final String TO = "chief1@demo-city.example.jp";
    private static MailCatcher mail;

    @BeforeAll
    static void startMailServer() {
        mail = MailCatcher.start(Ports.free(), Ports.free(), 0);
    }

    @AfterAll
    static void stopMailServer() {
        mail.close();
    }

    @BeforeEach
    void emptyMailbox() {
        mail.purge();
    }

    private static SmtpClient client(int port) {
        return new SmtpClient(new SmtpClient.Server(
                "127.0.0.1",
                port,
                false,
                SmtpClient.StartTls.OPTIONAL,
                Optional.empty(),
                Optional.empty(),
                TIMEOUT,
                TIMEOUT,
                "demo-city.example.jp"));
    }

    private static String message(String subject, String body) {
        return "From: " + FROM + "\r\nTo: " + TO + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject
                + "@demo-city.example.jp>\r\n\r\n" + body + "\r\n";
    }

    @Test
    void aMessageGoesThroughWithLinesStartingWithADotKept() {
        client(mail.smtpPort()).send(FROM, TO, message("plain", "first line\n.a line with a dot\n.\nlast"));

        assertEquals(1, mail.messages().size());
        String body = mail.messages().get(0).body();
        assertTrue(body.contains(".a line with a dot"), body);
        assertTrue(body.contains("last"), body);
    }

    @Test
    void aTimeOutBeforeTheFinalDotProvesNothingWasAcceptedWhateverThePhase() {
        for (Fault fault : new Fault[] {Fault.STALL_GREETING, Fault.STALL_MAIL_FROM, Fault.STALL_DATA}) {
            try (SmtpFaultProxy proxy = SmtpFaultProxy.start(mail.smtpPort(), fault, 1)) {
                SmtpException e = assertThrows(
                        SmtpException.class,
                        () -> client(proxy.port()).send(FROM, TO, message("stalled-" + fault, "body")));
                assertEquals(expectedPhase(fault), e.phase(), fault + ": " + e.getMessage());
                assertEquals(0, e.replyCode());
                assertFalse(e.outcomeUnknown(), fault + ": " + e.getMessage());
            }
        }
        assertEquals(0, mail.messages().size());
    }

    private static SmtpPhase expectedPhase(Fault fault) {
        return switch (fault) {
            case STALL_GREETING -> SmtpPhase.GREETING;
            case STALL_MAIL_FROM -> SmtpPhase.MAIL_FROM;
            case STALL_DATA -> SmtpPhase.DATA;
            default -> throw new IllegalArgumentException(fault.toString());
        };
    }

    @Test
    void aStalledWriteOfTheContentIsCutBeforeTheFinalDotAndProvesNothingWasAccepted() {
        // Larger than the sockets' buffers, so that the writes block once the proxy stops reading.
        String big = ("x".repeat(999) + "\n").repeat(64 * 1024);
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(mail.smtpPort(), Fault.STOP_READING_CONTENT, 1)) {
            SmtpException e =
                    assertThrows(SmtpException.class, () -> client(proxy.port()).send(FROM, TO, message("big", big)));
            assertEquals(SmtpPhase.CONTENT, e.phase(), e.getMessage());
            assertFalse(e.outcomeUnknown());
        }
        assertEquals(0, mail.messages().size());
    }

    @Test
    void anUnansweredFinalDotIsAnUnknownOutcomeWhetherOrNotTheServerTookTheMessage() {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(mail.smtpPort(), Fault.SWALLOW_END_OF_DATA, 1)) {
            SmtpException e = assertThrows(
                    SmtpException.class, () -> client(proxy.port()).send(FROM, TO, message("swallowed", "body")));
            assertEquals(SmtpPhase.END_OF_DATA, e.phase());
            assertTrue(e.outcomeUnknown());
        }
        assertEquals(0, mail.messages().size(), "the server never saw the final dot");

        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(mail.smtpPort(), Fault.DROP_END_OF_DATA_ANSWER, 1)) {
            SmtpException e = assertThrows(
                    SmtpException.class, () -> client(proxy.port()).send(FROM, TO, message("answer-lost", "body")));
            assertEquals(SmtpPhase.END_OF_DATA, e.phase());
            assertTrue(e.outcomeUnknown());
        }
        assertEquals(1, mail.messages().size(), "the server took it; only its answer was lost");
    }

    @Test
    void aRefusalIsNeverAnUnknownOutcome() {
        // Nothing listens on port 1: refused at once.
        SmtpException e = assertThrows(SmtpException.class, () -> client(1).send(FROM, TO, message("nowhere", "b")));
        assertEquals(SmtpPhase.CONNECT, e.phase());
        assertFalse(e.outcomeUnknown());
    }
}
