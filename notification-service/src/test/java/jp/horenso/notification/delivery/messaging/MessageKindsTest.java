package jp.horenso.notification.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.horenso.localstack.testing.EventSchemas;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.NotificationKind;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import org.junit.jupiter.api.Test;

/** Every kind of message, through Kafka and a real SMTP server, in Japanese then English. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class MessageKindsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SEPARATOR = "----------";

    /** What each kind must say. */
    private record Kind(
            String name, String titleJa, String titleEn, String sentenceJa, String sentenceEn, boolean hopNotice) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(
                    "NEW_REPORT",
                    "インシデント報告",
                    "Incident report",
                    "新しいインシデント報告があなたに届きました",
                    "A new incident report has reached you",
                    true),
            new Kind(
                    "ESCALATION",
                    "エスカレーション",
                    "Escalation",
                    "期限までに誰も受領しなかったため",
                    "escalated to you because nobody acknowledged it in time",
                    true),
            new Kind("REMINDER", "再通知", "Reminder", "まだ受領が記録されていないため、再度お知らせします", "This is a reminder", true),
            new Kind(
                    "HOP_OVERDUE",
                    "確認期限超過",
                    "Acknowledgement overdue",
                    "確認期限を過ぎましたが、まだ受領が記録されていません",
                    "is past its acknowledgement deadline and has not been acknowledged",
                    true),
            new Kind(
                    "LEGAL_DEADLINE_NEAR",
                    "法定報告期限の接近",
                    "Legal reporting deadline near",
                    "法令に基づく報告（個人情報保護委員会や本人への報告など）の期限が近づいています",
                    "A legal reporting deadline of this case",
                    false),
            new Kind(
                    "LEGAL_DEADLINE_MISSED",
                    "法定報告期限の超過",
                    "Legal reporting deadline missed",
                    "法令に基づく報告の期限を過ぎましたが、報告の提出が記録されていません",
                    "has passed and no submitted report has been recorded",
                    false),
            new Kind(
                    "DISCLOSURE_APPROVED",
                    "公表の承認",
                    "Disclosure approved",
                    "CISO がこの事案の公表を承認しました",
                    "The CISO approved the public disclosure of this case",
                    false));

    @Inject
    Engine engine;

    @Test
    void everyKindHasItsOwnBilingualMessageWithSeverityCaseNumberAndDrillMarking() {
        Map<Kind, Request> sent = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            Request request =
                    NotificationRequests.newReport().kind(kind.name()).drill().severity("CRITICAL");
            if (kind.name().startsWith("LEGAL_")) {
                request.legal(
                        kind.name(),
                        kind.name().endsWith("MISSED") ? "FINAL" : "PROMPT",
                        Instant.parse("2026-12-01T00:00:00Z"));
            } else if (!kind.hopNotice()) {
                request.withoutHop();
            }
            sent.put(kind, request.send());
        }

        sent.forEach((kind, request) -> {
            String number = request.incidentNumber;
            ReceivedMail mail = Mailbox.awaitMail(number, TIMEOUT);
            assertEquals(
                    "【訓練】[DRILL] 【重大/Critical】【Horenso】" + kind.titleJa() + " " + number + " / " + kind.titleEn() + " "
                            + number,
                    mail.subject(),
                    kind.name());
            String body = mail.body();
            int separator = body.indexOf(SEPARATOR);
            assertTrue(body.startsWith("【訓練】"), kind.name() + ":\n" + body);
            assertTrue(body.indexOf("[DRILL]") > separator, kind.name() + ":\n" + body);
            assertTrue(
                    body.indexOf(kind.sentenceJa()) >= 0 && body.indexOf(kind.sentenceJa()) < separator,
                    kind.name() + ":\n" + body);
            assertTrue(body.indexOf(kind.sentenceEn()) > separator, kind.name() + ":\n" + body);
            assertTrue(body.contains("重大度: 重大") && body.contains("Severity: Critical"), kind.name() + ":\n" + body);
            // Decisions link to the case's page in the web console; hop and legal notices to the case itself.
            assertTrue(
                    body.contains(
                            kind.name().equals("DISCLOSURE_APPROVED")
                                    ? "http://localhost:8080/cases/" + request.incidentId
                                    : "http://localhost:8081/api/incidents/" + request.incidentId),
                    body);
            assertEquals(kind.hopNotice(), body.contains("/ack/"), kind.name() + " acknowledgement link:\n" + body);
            assertEquals(kind.hopNotice(), body.contains("確認期限: "), kind.name() + " deadline:\n" + body);
        });

        String near = Mailbox.awaitMail(sent.get(KINDS.get(4)).incidentNumber, TIMEOUT)
                .body();
        // 2026-12-01T00:00Z is 09:00 in Japan.
        assertTrue(near.contains("法定の報告: 速報（報告先: 個人情報保護委員会）"), near);
        assertTrue(near.contains("報告期限: 2026年12月1日(火) 09:00 (日本時間)"), near);
        assertTrue(near.contains("Legal report: prompt report (to: 個人情報保護委員会)"), near);
        assertTrue(near.contains("Report due: Tue 1 Dec 2026, 09:00 JST"), near);
        String missed = Mailbox.awaitMail(sent.get(KINDS.get(5)).incidentNumber, TIMEOUT)
                .body();
        assertTrue(missed.contains("法定の報告: 確報（報告先: 個人情報保護委員会）"), missed);
    }

    @Test
    void everyKindOfTheContractIsKnownAndHasItsTemplate() {
        Set<String> contract = new TreeSet<>();
        EventSchemas.read("NotificationRequested")
                .at("/properties/data/properties/kind/enum")
                .forEach(kind -> contract.add(kind.asText()));
        Set<String> known = new TreeSet<>();
        for (NotificationKind kind : NotificationKind.values()) {
            known.add(kind.name());
            Template template = engine.getTemplate("mail/" + kind.name());
            assertNotNull(template, "no template for " + kind);
            for (String fragment : List.of("titleJa", "titleEn", "ja", "en")) {
                assertNotNull(template.getFragment(fragment), kind + " has no fragment " + fragment);
            }
        }
        assertEquals(contract, known);
    }

    @Test
    void caseWithoutAssessedSeveritySaysUnassessedInSubjectAndBody() {
        Request request = NotificationRequests.newReport().severity(null).send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertTrue(
                mail.subject().startsWith("【未評価/unassessed】【Horenso】インシデント報告 " + request.incidentNumber),
                mail.subject());
        assertTrue(mail.body().contains("重大度: 未評価") && mail.body().contains("Severity: unassessed"), mail.body());
    }

    @Test
    void legalDeadlineOfTheNoticeToPersonsIsNamedAsSuch() {
        Request request = NotificationRequests.newReport()
                .legal("LEGAL_DEADLINE_NEAR", "PERSONS_NOTICE", Instant.parse("2026-12-01T00:00:00Z"))
                .send();

        String body = Mailbox.awaitMail(request.incidentNumber, TIMEOUT).body();
        assertTrue(body.contains("法定の報告: 本人通知（報告先: 個人情報保護委員会）"), body);
        assertTrue(body.contains("Legal report: notice to the persons concerned"), body);
    }

    @Test
    void deputyIsToldThatTheyReceiveTheNoticeAsDeputy() {
        Request request = NotificationRequests.newReport().deputy().send();

        String body = Mailbox.awaitMail(request.incidentNumber, TIMEOUT).body();
        assertTrue(body.contains("あなたは代理者としてこの通知を受けています。"), body);
        assertTrue(body.contains("You receive this as a deputy."), body);
    }

    @Test
    void outsideBodyIsToldWithoutLinksItCouldNotUse() {
        Request request = NotificationRequests.newReport()
                .toOutsideBody("prefecture", "県 危機管理課", "kikikanri@pref.example.jp")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(List.of("kikikanri@pref.example.jp"), mail.to());
        assertTrue(
                mail.subject().contains("インシデントのお知らせ " + request.incidentNumber + " / Incident notice"),
                mail.subject());
        assertTrue(mail.body().startsWith("県 危機管理課 様"), mail.body());
        assertFalse(mail.body().contains("http"), mail.body());
        assertFalse(mail.body().contains("受領"), mail.body());
    }
}
