package jp.horenso.notification.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class NotificationRequestedMailTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void newReportRequestSendsOneBilingualMailWithoutCaseDetailsAndPublishesNotificationDelivered() {
        Request request = NotificationRequests.newReport().send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        String number = request.incidentNumber;
        assertEquals(List.of("chief1@demo-city.example.jp"), mail.to());
        assertEquals("horenso@demo-city.example.jp", mail.from());
        assertEquals("【高/High】【Horenso】インシデント報告 " + number + " / Incident report " + number, mail.subject());

        String body = mail.body();
        int japanese = body.indexOf("総務 課長 一郎 様");
        int separator = body.indexOf("----------");
        int english = body.indexOf("Dear 総務 課長 一郎,");
        assertTrue(
                japanese >= 0 && japanese < separator && separator < english,
                "Japanese greeting, then separator, then English:\n" + body);
        assertTrue(body.indexOf("新しいインシデント報告があなたに届きました") < separator, body);
        assertTrue(body.indexOf("A new incident report has reached you.") > separator, body);
        assertTrue(body.contains("事案番号: " + number) && body.contains("Case number: " + number), body);
        assertTrue(body.contains("重大度: 高") && body.contains("Severity: High"), body);
        // 2026-11-24T01:15Z is 10:15 in Japan.
        assertTrue(body.contains("確認期限: 2026年11月24日(火) 10:15 (日本時間)"), body);
        assertTrue(body.contains("Acknowledge by: Tue 24 Nov 2026, 10:15 JST"), body);
        String link = "http://localhost:8081/api/incidents/" + request.incidentId;
        assertTrue(body.contains("事案へのリンク: " + link) && body.contains("Link to the case: " + link), body);
        // The one-click acknowledgement link, in both languages; no API instructions any more.
        String ackLink = body.substring(body.indexOf("http://localhost:8083/ack/"))
                .lines()
                .findFirst()
                .orElseThrow();
        assertTrue(
                ackLink.matches("http://localhost:8083/ack/[A-Za-z0-9_-]{22}\\.[0-9a-z]+\\.k2\\.[A-Za-z0-9_-]{43}"),
                ackLink);
        assertTrue(body.indexOf(ackLink) < separator && body.lastIndexOf(ackLink) > separator, body);
        assertFalse(body.contains("POST"), body);
        // Only the number, severity and links: no address, account, severity code or drill marking.
        assertFalse(body.contains("@"), body);
        assertFalse(body.contains("chief1"), body);
        assertFalse(body.contains("HIGH"), body);
        assertFalse(body.contains("訓練") || body.contains("DRILL"), body);

        ConsumerRecord<String, String> record =
                NotificationEventsOnKafka.await("NotificationDelivered", request.notificationId, TIMEOUT);
        JsonNode event = NotificationEventsOnKafka.parse(record.value());
        Contract.assertValid("NotificationDelivered", event);
        assertEquals(request.incidentId.toString(), record.key());
        assertEquals(
                "application/cloudevents+json",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals(request.incidentId.toString(), event.get("subject").asText());
        assertEquals("MAIL", event.at("/data/channel").asText());
        assertEquals(1, event.at("/data/attempts").asInt());
        assertEquals("chief1", event.at("/data/recipient/username").asText());
        assertEquals(1, Mailbox.withSubjectContaining(number).size());
    }

    @Test
    void escalationRequestSaysTheReportWasEscalatedBecauseNobodyAcknowledgedInTime() {
        Request request = NotificationRequests.newReport()
                .escalation()
                .to("head1", "総務 部長 二郎", "head1@demo-city.example.jp")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        String number = request.incidentNumber;
        assertEquals(List.of("head1@demo-city.example.jp"), mail.to());
        assertEquals("【高/High】【Horenso】エスカレーション " + number + " / Escalation " + number, mail.subject());
        assertTrue(mail.body().contains("期限までに誰も受領しなかったため"), mail.body());
        assertTrue(mail.body().contains("escalated to you because nobody acknowledged it in time"), mail.body());
        assertTrue(mail.body().startsWith("総務 部長 二郎 様"), mail.body());
    }

    @Test
    void drillRequestIsMarkedAsDrillInSubjectAndBody() {
        Request request = NotificationRequests.newReport().drill().send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertTrue(
                mail.subject().startsWith("【訓練】[DRILL] 【高/High】【Horenso】インシデント報告 " + request.incidentNumber),
                mail.subject());
        int separator = mail.body().indexOf("----------");
        assertTrue(mail.body().startsWith("【訓練】"), mail.body());
        assertTrue(mail.body().indexOf("[DRILL]") > separator, mail.body());
    }
}
