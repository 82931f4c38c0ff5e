package jp.horenso.notification.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import org.junit.jupiter.api.Test;

/**
 * Every decision reaches a person (issue 8 item 5): forwarded reports with the acknowledging person's comment,
 * the CISO report and its return with instructions, disclosure, response actions, overdue hops, and the
 * vice-CISO's copies — each read as real mail from the test SMTP server, Japanese first, then English.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DecisionNoticesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SEPARATOR = "----------";
    private static final String CONSOLE = "http://localhost:8080/cases/";

    @Test
    void forwardedNoticeCarriesTheAcknowledgersComment() {
        Request request = NotificationRequests.newReport()
                .kind("FORWARDED")
                .step("DEPARTMENT_HEAD")
                .to("head1", "総務 部長 花子", "head1@demo-city.example.jp")
                .note("USBメモリの紛失です。\n本日中に警察へ届け出ます。")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(
                "【高/High】【Horenso】インシデント報告の転送 " + request.incidentNumber + " / Incident report forwarded "
                        + request.incidentNumber,
                mail.subject());
        String body = body(mail);
        String ja = japanese(body);
        String en = english(body);
        assertTrue(ja.contains("前の段階で受領され、直ちにあなたに転送されました（第43条2項）"), body);
        // The comment is quoted as the sender's words, line by line, in both halves.
        assertTrue(ja.contains("受領した方からのコメント:\n  > USBメモリの紛失です。\n  > 本日中に警察へ届け出ます。"), body);
        assertTrue(en.contains("Comment from the person who acknowledged it:\n  > USBメモリの紛失です。"), body);
        assertTrue(en.contains("forwarded to you at once"), body);
        // A hop: it keeps the one-click acknowledgement link and the deadline.
        assertTrue(ja.contains("確認期限: ") && ja.contains("http://localhost:8083/ack/"), body);
        assertTrue(body.contains("http://localhost:8081/api/incidents/" + request.incidentId), body);
    }

    @Test
    void article9_copyToViceCisoIsMarkedAsCopy() {
        Request copy = NotificationRequests.newReport()
                .cisoReport("CISO_REPORT_SUBMITTED", 1)
                .severity("CRITICAL")
                .step("CISO")
                .to("vciso", "総合政策 部長 副CISO", "vciso@demo-city.example.jp")
                .copyOf("ciso")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(copy.incidentNumber, TIMEOUT);
        assertEquals(List.of("vciso@demo-city.example.jp"), mail.to());
        assertEquals(
                "【写し】[Copy] 【重大/Critical】【Horenso】CISOへの報告の提出 " + copy.incidentNumber
                        + " / Report to the CISO submitted " + copy.incidentNumber,
                mail.subject());
        String body = body(mail);
        assertTrue(body.startsWith("【写し】この通知は ciso さん宛ての通知の写しです。"), body);
        assertTrue(english(body).contains("[Copy] This is a copy of the notice to ciso"), body);
        assertTrue(body.contains("総合政策 部長 副CISO 様"), body);
    }

    @Test
    void article9_copyOfAHopNoticeHasNoAcknowledgementLinkOfItsOwn() {
        Request copy = NotificationRequests.newReport()
                .kind("ESCALATION")
                .step("CISO")
                .severity("CRITICAL")
                .to("vciso", "総合政策 部長 副CISO", "vciso@demo-city.example.jp")
                .copyOf("ciso")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(copy.incidentNumber, TIMEOUT);
        assertTrue(mail.subject().startsWith("【写し】[Copy] 【重大/Critical】【Horenso】エスカレーション"), mail.subject());
        // The CISO acknowledges; the copy must not let the vice-CISO acknowledge in the CISO's name.
        assertFalse(body(mail).contains("/ack/"), body(mail));
        assertTrue(body(mail).contains("受領の記録は宛先の方が行います"), body(mail));
        assertTrue(body(mail).contains("The addressee records the acknowledgement"), body(mail));
    }

    @Test
    void article44_4_submittedReportAsksTheCisoToReviewThatVersion() {
        Request request = NotificationRequests.newReport()
                .cisoReport("CISO_REPORT_SUBMITTED", 2)
                .severity("HIGH")
                .step("CISO")
                .to("ciso", "副市長 CISO", "ciso@demo-city.example.jp")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(
                "【高/High】【Horenso】CISOへの報告の提出 " + request.incidentNumber + " / Report to the CISO submitted "
                        + request.incidentNumber,
                mail.subject());
        String body = body(mail);
        assertTrue(japanese(body).contains("CSIRT がこの事案の報告"), body);
        assertTrue(japanese(body).contains("報告の版: 第2版"), body);
        assertTrue(english(body).contains("Report version: 2"), body);
        assertDecisionLinks(request, body);
    }

    @Test
    void article44_5_returnedReportTellsCsirtTheInstructions() {
        Request request = NotificationRequests.newReport()
                .cisoReport("CISO_REPORT_RETURNED", 1)
                .to("csirt1", "CSIRT 一郎", "csirt1@demo-city.example.jp")
                .note("再発防止策に全職員への研修の実施時期を加えてください。")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(
                "【高/High】【Horenso】CISOへの報告の差戻し " + request.incidentNumber + " / Report returned by the CISO "
                        + request.incidentNumber,
                mail.subject());
        String body = body(mail);
        assertTrue(japanese(body).contains("CISO がこの事案の報告を指示を付けて差し戻しました（第44条5項）"), body);
        assertTrue(japanese(body).contains("CISO からの指示:\n  > 再発防止策に全職員への研修の実施時期を加えてください。"), body);
        assertTrue(english(body).contains("The CISO's instructions:\n  > 再発防止策に全職員への研修の実施時期を加えてください。"), body);
        assertTrue(japanese(body).contains("報告の版: 第1版"), body);
        assertDecisionLinks(request, body);
    }

    @Test
    void article44_3_assignedResponseActionNamesItsKindInJapaneseAndItsDueDate() {
        Request containment = NotificationRequests.newReport()
                .responseAction("RESPONSE_ACTION_ASSIGNED", "CONTAINMENT", "2026-12-08")
                .send();
        Request recovery = NotificationRequests.newReport()
                .responseAction("RESPONSE_ACTION_ASSIGNED", "RECOVERY", null)
                .send();
        Request prevention = NotificationRequests.newReport()
                .responseAction("RESPONSE_ACTION_ASSIGNED", "RECURRENCE_PREVENTION", "2027-01-15")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(containment.incidentNumber, TIMEOUT);
        assertEquals(
                "【高/High】【Horenso】対応措置の指示（応急措置） " + containment.incidentNumber
                        + " / Response action assigned (containment) " + containment.incidentNumber,
                mail.subject());
        String body = body(mail);
        assertTrue(japanese(body).contains("この事案の応急措置があなたの所属に割り当てられました（第44条3項）"), body);
        assertTrue(japanese(body).contains("対応措置: 応急措置\n期日: 2026年12月8日(火)"), body);
        assertTrue(english(body).contains("Response action: containment\nDue: Tue 8 Dec 2026"), body);
        assertDecisionLinks(containment, body);

        String recoveryBody = body(Mailbox.awaitMail(recovery.incidentNumber, TIMEOUT));
        assertTrue(recoveryBody.contains("対応措置: 復旧"), recoveryBody);
        assertFalse(recoveryBody.contains("期日: "), "no due date, no line:\n" + recoveryBody);
        ReceivedMail preventionMail = Mailbox.awaitMail(prevention.incidentNumber, TIMEOUT);
        assertTrue(preventionMail.subject().contains("対応措置の指示（再発防止策）"), preventionMail.subject());
        assertTrue(body(preventionMail).contains("期日: 2027年1月15日(金)"), body(preventionMail));
    }

    @Test
    void overdueResponseActionTellsOwnerItIsPastItsDueDate() {
        Request request = NotificationRequests.newReport()
                .drill()
                .responseAction("RESPONSE_ACTION_OVERDUE", "RECOVERY", "2026-12-01")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(
                "【訓練】[DRILL] 【高/High】【Horenso】対応措置の期日超過（復旧） " + request.incidentNumber
                        + " / Response action overdue (recovery) " + request.incidentNumber,
                mail.subject());
        String body = body(mail);
        assertTrue(body.startsWith("【訓練】"), body);
        assertTrue(japanese(body).contains("この事案の復旧が期日を過ぎましたが、完了が記録されていません"), body);
        assertTrue(japanese(body).contains("期日: 2026年12月1日(火)"), body);
        assertTrue(english(body).contains("[DRILL]") && english(body).contains("is past its due date"), body);
        assertDecisionLinks(request, body);
    }

    @Test
    void disclosureApprovedAndPublishedTellTheCsirtWithALinkToTheConsole() {
        Request approved = NotificationRequests.newReport()
                .withoutHop()
                .kind("DISCLOSURE_APPROVED")
                .to("csirt1", "CSIRT 一郎", "csirt1@demo-city.example.jp")
                .send();
        Request published = NotificationRequests.newReport()
                .withoutHop()
                .kind("DISCLOSURE_PUBLISHED")
                .severity(null)
                .to("csirt1", "CSIRT 一郎", "csirt1@demo-city.example.jp")
                .send();

        String approvedBody = body(Mailbox.awaitMail(approved.incidentNumber, TIMEOUT));
        assertTrue(approvedBody.contains("CISO がこの事案の公表を承認しました"), approvedBody);
        assertDecisionLinks(approved, approvedBody);

        ReceivedMail mail = Mailbox.awaitMail(published.incidentNumber, TIMEOUT);
        // No severity was sent with the decision: the message states none, rather than "unassessed".
        assertEquals(
                "【Horenso】公表の実施 " + published.incidentNumber + " / Disclosure published " + published.incidentNumber,
                mail.subject());
        assertTrue(japanese(body(mail)).contains("この事案の公表文が公開されました"), body(mail));
        assertTrue(english(body(mail)).contains("The disclosure text of this case has been published"), body(mail));
        assertFalse(body(mail).contains("重大度") || body(mail).contains("Severity"), body(mail));
        assertDecisionLinks(published, body(mail));
    }

    @Test
    void hopOverdueTellsThePersonTheirOwnDeadlinePassedAndKeepsTheLink() {
        Request request = NotificationRequests.newReport()
                .kind("HOP_OVERDUE")
                .step("DEPARTMENT_HEAD")
                .send();

        ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertEquals(
                "【高/High】【Horenso】確認期限超過 " + request.incidentNumber + " / Acknowledgement overdue "
                        + request.incidentNumber,
                mail.subject());
        String ja = japanese(body(mail));
        assertTrue(ja.contains("確認期限を過ぎましたが、まだ受領が記録されていません"), body(mail));
        // 2026-11-24T01:15Z is 10:15 in Japan: the deadline that passed.
        assertTrue(ja.contains("確認期限: 2026年11月24日(火) 10:15 (日本時間)"), body(mail));
        assertTrue(ja.contains("http://localhost:8083/ack/"), body(mail));
    }

    /** A decision links to the case's page in the web console and carries no acknowledgement link. */
    private static void assertDecisionLinks(Request request, String body) {
        assertTrue(japanese(body).contains("事案へのリンク: " + CONSOLE + request.incidentId), body);
        assertTrue(english(body).contains("Link to the case: " + CONSOLE + request.incidentId), body);
        assertFalse(body.contains("/ack/"), body);
        assertFalse(body.contains("/api/incidents/"), body);
    }

    /** The body with the line breaks of mail (CRLF) as Java writes them. */
    private static String body(ReceivedMail mail) {
        return mail.body().replace("\r\n", "\n");
    }

    private static String japanese(String body) {
        int separator = body.indexOf(SEPARATOR);
        assertTrue(separator > 0, body);
        return body.substring(0, separator);
    }

    private static String english(String body) {
        return body.substring(body.indexOf(SEPARATOR));
    }
}
