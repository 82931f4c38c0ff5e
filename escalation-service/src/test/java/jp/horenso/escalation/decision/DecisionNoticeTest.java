package jp.horenso.escalation.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.action.service.ResponseActionService;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.support.ReportedCase;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** Every decision about a case reaches a person (issue 8, item 5), recipients from the directory. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DecisionNoticeTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    ResponseActionService actions;

    @Test
    void article44_4_submittedReportReachesTheCisoAndACopyTheViceCisoOnce() {
        UUID incident = ReportedCase.generalAffairs().id();
        ObjectNode submitted = IncidentEvents.cisoReportSubmitted(incident, "INC-2026-000001", 2);
        IncidentEvents.send(submitted);
        IncidentEvents.send(submitted); // redelivered

        List<JsonNode> notices = published.awaitNotices(incident, "CISO_REPORT_SUBMITTED", 2);
        assertEquals(List.of("ciso", "viceciso"), usernames(notices));
        notices.forEach(n -> assertEquals(2, n.path("reportVersion").asInt()));
        JsonNode copy =
                notices.stream().filter(n -> n.has("copyOf")).findFirst().orElseThrow();
        assertEquals("viceciso", copy.path("recipient").path("username").asText());
        assertEquals("ciso", copy.path("copyOf").asText());
        JsonNode toCiso =
                notices.stream().filter(n -> !n.has("copyOf")).findFirst().orElseThrow();
        String eventId = submitted.path("id").asText();
        assertEquals(
                UUID.nameUUIDFromBytes(("horenso-notice|" + eventId + "|CISO_REPORT_SUBMITTED|ciso")
                                .getBytes(StandardCharsets.UTF_8))
                        .toString(),
                toCiso.path("notificationId").asText());
        // The redelivery requested nothing more (give it time to arrive).
        IncidentEvents.send(IncidentEvents.disclosureDraftApproved(incident));
        published.awaitNotices(incident, "DISCLOSURE_APPROVED", 1);
        assertEquals(2, published.notices(incident, "CISO_REPORT_SUBMITTED").size());
    }

    @Test
    void article44_5_returnedReportReachesEveryCsirtMemberWithTheInstructionsAndAnAcceptanceNobody() {
        UUID incident = ReportedCase.generalAffairs().id();
        IncidentEvents.send(IncidentEvents.cisoReviewDecided(incident, 1, "ACCEPT", null));
        IncidentEvents.send(IncidentEvents.cisoReviewDecided(incident, 1, "RETURN", "再発防止策に研修を追加すること"));

        List<JsonNode> returned = published.awaitNotices(incident, "CISO_REPORT_RETURNED", 1);
        assertEquals(List.of("csirt1"), usernames(returned));
        assertEquals("再発防止策に研修を追加すること", returned.get(0).path("note").asText());
        assertEquals(1, returned.get(0).path("reportVersion").asInt());
        assertEquals(1, published.notices(incident, "CISO_REPORT_RETURNED").size(), "the acceptance told nobody");
    }

    @Test
    void article43_5_approvedAndPublishedDisclosureReachTheCsirt() {
        UUID incident = ReportedCase.generalAffairs().id();
        IncidentEvents.send(IncidentEvents.disclosureDraftApproved(incident));
        IncidentEvents.send(IncidentEvents.disclosurePublished(incident));

        assertEquals(List.of("csirt1"), usernames(published.awaitNotices(incident, "DISCLOSURE_APPROVED", 1)));
        assertEquals(List.of("csirt1"), usernames(published.awaitNotices(incident, "DISCLOSURE_PUBLISHED", 1)));
    }

    @Test
    void article44_3_responseActionReachesTheOwnerUnitsChiefAndANewOwner() {
        UUID incident = ReportedCase.generalAffairs().id();
        UUID action = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRecorded", incident, action, "welfare-section", null, TODAY.plusDays(7), "PLANNED", 0));
        JsonNode assigned =
                published.awaitNotices(incident, "RESPONSE_ACTION_ASSIGNED", 1).get(0);
        assertEquals("chief2", assigned.path("recipient").path("username").asText());
        assertEquals(
                action.toString(),
                assigned.path("responseAction").path("actionId").asText());
        assertEquals("CONTAINMENT", assigned.path("responseAction").path("kind").asText());
        assertEquals(
                TODAY.plusDays(7).toString(),
                assigned.path("responseAction").path("dueDate").asText());

        // Only the due date changed: nobody new to tell. Then a person is named: they are told.
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRevised",
                incident,
                action,
                "welfare-section",
                null,
                TODAY.plusDays(8),
                "PLANNED",
                1,
                "dueDate"));
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRevised",
                incident,
                action,
                "welfare-section",
                "staff2",
                TODAY.plusDays(8),
                "PLANNED",
                2,
                "ownerPerson"));
        List<JsonNode> all = published.awaitNotices(incident, "RESPONSE_ACTION_ASSIGNED", 2);
        assertEquals(
                List.of("chief2", "staff2"),
                all.stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .toList());
        assertEquals(
                TODAY.plusDays(8).toString(),
                all.get(1).path("responseAction").path("dueDate").asText());
    }

    @Test
    void article44_3_responseActionPastItsDueDateReachesTheOwnerAndTheCsirtUnlessDone() {
        UUID incident = ReportedCase.generalAffairs().id();
        UUID late = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        // Due yesterday (Japan time), still planned: overdue at once.
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRecorded",
                incident,
                late,
                "general-affairs-section",
                null,
                TODAY.minusDays(1),
                "PLANNED",
                0));
        // Due yesterday but finished: never overdue.
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRecorded",
                incident,
                done,
                "general-affairs-section",
                null,
                TODAY.plusDays(5),
                "PLANNED",
                0));
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionStatusChanged",
                incident,
                done,
                "general-affairs-section",
                null,
                TODAY.minusDays(1),
                "DONE",
                1));
        // Due next week, then moved to yesterday: re-planned, overdue.
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRecorded",
                incident,
                moved,
                "welfare-section",
                "staff2",
                TODAY.plusDays(7),
                "IN_PROGRESS",
                0));
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRevised",
                incident,
                moved,
                "welfare-section",
                "staff2",
                TODAY.minusDays(1),
                "IN_PROGRESS",
                1,
                "dueDate"));

        List<JsonNode> overdue = published.awaitNotices(incident, "RESPONSE_ACTION_OVERDUE", 4);
        assertEquals(
                java.util.stream.Stream.of(late + "/chief1", late + "/csirt1", moved + "/csirt1", moved + "/staff2")
                        .sorted()
                        .toList(),
                overdue.stream()
                        .map(n -> n.path("responseAction").path("actionId").asText() + "/"
                                + n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        // One more round of the timer, then the sentinel: the finished action stays quiet, nothing fires twice.
        actions.fireDue();
        List<JsonNode> before = CaseSentinel.closeAndAwaitChainStopped(incident).notices("RESPONSE_ACTION_OVERDUE");
        assertEquals(4, before.size());
        assertTrue(before.stream()
                .noneMatch(
                        n -> n.path("responseAction").path("actionId").asText().equals(done.toString())));
    }

    @Test
    void article48_decisionNoticesOfADrillAreMarked() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(
                IncidentEvents.reported(incident, "staff2", "welfare-section", "welfare", List.of("staff"), true));
        published.await(incident, "ChainStarted", 1);
        IncidentEvents.send(IncidentEvents.disclosurePublished(incident));
        assertTrue(published
                .awaitNotices(incident, "DISCLOSURE_PUBLISHED", 1)
                .get(0)
                .path("drill")
                .asBoolean());
    }

    private static List<String> usernames(List<JsonNode> notices) {
        return notices.stream()
                .map(n -> n.path("recipient").path("username").asText())
                .sorted()
                .toList();
    }
}
