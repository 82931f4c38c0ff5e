package jp.horenso.escalation.hop.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** The chain as the policy reads it (issue 8): acknowledging forwards, the section concerned, drills. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ChainPolicyTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    HopRepository hops;

    @Inject
    HopTimeoutService timeouts;

    @Inject
    Db db;

    @Test
    void article43_2_sectionChiefAcknowledgementOpensDepartmentHeadAndSecurityLeadAndOutsideBodyAtOnce() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        JsonNode chiefHop = published.await(incident, "HopOpened", 1).get(0).path("data");
        assertEquals("chief1", chiefHop.path("recipient").path("username").asText());

        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now(), "総務課PCで確認済み"));

        List<JsonNode> opened = published.await(incident, "HopOpened", 3).stream()
                .map(e -> e.path("data"))
                .toList();
        Map<String, JsonNode> forwarded = opened.stream()
                .skip(1)
                .collect(Collectors.toMap(
                        h -> h.path("recipient").path("username").asText(), Function.identity()));
        assertEquals(
                Map.of("head1", "DEPARTMENT_HEAD", "seclead", "SECURITY_LEAD"),
                forwarded.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getValue().path("step").asText())));
        for (JsonNode hop : forwarded.values()) {
            assertEquals("ACKNOWLEDGED", hop.path("trigger").asText());
            assertEquals(
                    chiefHop.path("hopId").asText(), hop.path("forwardedFrom").asText());
            assertTrue(hop.path("escalatedFrom").isMissingNode(), "forwarded, not escalated");
            // Each with its own deadline, counted from the acknowledgement, after the chief's.
            assertTrue(Instant.parse(hop.path("ackDeadline").asText())
                    .isAfter(Instant.parse(chiefHop.path("ackDeadline").asText())));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(incident, "FORWARDED").size() >= 3);
        List<JsonNode> notices = published.notices(incident, "FORWARDED");
        assertEquals(
                List.of("head1", "outside:prefecture", "seclead"),
                notices.stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        notices.forEach(n -> assertEquals("総務課PCで確認済み", n.path("note").asText()));
        assertEquals(
                "prefecture",
                notices.stream()
                        .filter(n -> n.has("outsideBody"))
                        .findFirst()
                        .orElseThrow()
                        .path("outsideBody")
                        .asText());
        assertTrue(published.of(incident, "HopEscalated").isEmpty(), "an acknowledgement is not an escalation");
        assertTrue(published.of(incident, "HopTimedOut").stream()
                .noneMatch(e -> e.path("data")
                        .path("hopId")
                        .asText()
                        .equals(chiefHop.path("hopId").asText())));

        // 第43条3項: the department head's acknowledgement forwards nothing (the CISO only on 重大).
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "head1", Instant.now()));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "seclead", Instant.now()));
        published.await(incident, "HopAcknowledged", 3);
        assertEquals(3, published.of(incident, "HopOpened").size(), "nobody told after the head's acknowledgement");
        assertTrue(db.read(() -> hops.ofIncident(incident)).stream()
                .allMatch(h -> h.status() == HopStatus.ACKNOWLEDGED || h.status() == HopStatus.OPEN));
    }

    @Test
    void article43_2_stepReachedByAcknowledgementAndByTimeoutOpensOnce() {
        // test-forward: the chief's acknowledgement and the security lead's time-out both lead to the head.
        UUID ackFirst = UUID.randomUUID();
        IncidentEvents.send(forwardReport(ackFirst));
        published.await(ackFirst, "HopOpened", 2);
        IncidentEvents.send(IncidentEvents.acknowledged(ackFirst, "f-chief", Instant.now()));
        published.await(ackFirst, "HopTimedOut", 1);
        UUID timeoutFirst = UUID.randomUUID();
        IncidentEvents.send(forwardReport(timeoutFirst));
        published.await(timeoutFirst, "HopEscalated", 1);
        IncidentEvents.send(IncidentEvents.acknowledged(timeoutFirst, "f-chief", Instant.now()));
        published.await(timeoutFirst, "HopAcknowledged", 1);

        for (UUID incident : List.of(ackFirst, timeoutFirst)) {
            List<Hop> heads = db.read(() -> hops.ofIncident(incident)).stream()
                    .filter(h -> h.chainStep().equals("department-head"))
                    .toList();
            assertEquals(1, heads.size(), "the head is told once");
            long told = published.of(incident, "NotificationRequested").stream()
                    .filter(n -> n.path("data")
                            .path("recipient")
                            .path("username")
                            .asText()
                            .equals("f-head"))
                    .count();
            assertEquals(1, told);
        }
        assertEquals(
                "ACKNOWLEDGED",
                db.read(() -> hops.ofIncident(ackFirst)).stream()
                        .filter(h -> h.chainStep().equals("department-head"))
                        .findFirst()
                        .orElseThrow()
                        .trigger()
                        .name());
        assertTrue(published.of(ackFirst, "HopEscalated").isEmpty(), "the time-out found the head told already");
        assertEquals(
                "TIMEOUT",
                db.read(() -> hops.ofIncident(timeoutFirst)).stream()
                        .filter(h -> h.chainStep().equals("department-head"))
                        .findFirst()
                        .orElseThrow()
                        .trigger()
                        .name());
        assertTrue(published.notices(timeoutFirst, "FORWARDED").isEmpty());
    }

    @Test
    void article43_2_timeoutStillEscalatesAndTellsTheLatePersonTheirHopIsOverdue() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        String chiefHop = published
                .await(incident, "HopOpened", 1)
                .get(0)
                .path("data")
                .path("hopId")
                .asText();

        published.await(incident, "HopEscalated", 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !published.notices(incident, "HOP_OVERDUE").isEmpty());
        JsonNode overdue = published.notices(incident, "HOP_OVERDUE").get(0);
        assertEquals("chief1", overdue.path("recipient").path("username").asText());
        assertEquals(chiefHop, overdue.path("hopId").asText());
        assertEquals(
                List.of("head1", "seclead"),
                published.awaitNotices(incident, "ESCALATION", 2).stream()
                        .map(n -> n.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        assertTrue(published.notices(incident, "FORWARDED").isEmpty());
    }

    @Test
    void article44_2_csirtReportReachesCisoAndTheHeadAndChiefOfTheUnitConcerned() {
        UUID incident = UUID.randomUUID();
        // csirt1 sits in information-policy; the case concerns a welfare-section PC.
        IncidentEvents.send(
                IncidentEvents.reported(incident, "csirt1", "welfare-section", "welfare", List.of("csirt"), false));

        List<JsonNode> opened = published.await(incident, "HopOpened", 3);
        assertEquals(
                List.of("CISO/ciso", "DEPARTMENT_HEAD/head2", "SECTION_CHIEF/chief2"),
                opened.stream()
                        .map(e -> e.path("data").path("step").asText() + "/"
                                + e.path("data")
                                        .path("recipient")
                                        .path("username")
                                        .asText())
                        .sorted()
                        .toList());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(incident, "NEW_REPORT").size() >= 4);
        // 第9条: the vice-CISO receives a copy of what the CISO receives.
        JsonNode copy = published.notices(incident, "NEW_REPORT").stream()
                .filter(n -> n.path("recipient").path("username").asText().equals("viceciso"))
                .findFirst()
                .orElseThrow();
        assertEquals("ciso", copy.path("copyOf").asText());
        assertEquals("CISO", copy.path("step").asText());
        assertTrue(copy.path("hopId").isMissingNode(), "a copy cannot be acknowledged");
        assertTrue(published.of(incident, "HopOpened").stream()
                .noneMatch(e -> List.of("chief1", "head1")
                        .contains(e.path("data")
                                .path("recipient")
                                .path("username")
                                .asText())));
    }

    @Test
    void article44_2_unitChangeCancelsTheOldChiefsHopAndTellsTheNewUnitsChiefAndHead() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        String chiefHop = published
                .await(incident, "HopOpened", 1)
                .get(0)
                .path("data")
                .path("hopId")
                .asText();

        IncidentEvents.send(IncidentEvents.unitChanged(
                incident, "demo-city", "general-affairs-section", "welfare-section", "welfare"));

        JsonNode cancelled = published.await(incident, "HopCancelled", 1).get(0).path("data");
        assertEquals(chiefHop, cancelled.path("hopId").asText());
        assertEquals("UNIT_CHANGED", cancelled.path("reason").asText());
        assertEquals("chief1", cancelled.path("recipient").path("username").asText());
        JsonNode reopened = published.await(incident, "HopOpened", 2).get(1).path("data");
        assertEquals("chief2", reopened.path("recipient").path("username").asText());
        assertEquals("UNIT_CHANGED", reopened.path("trigger").asText());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(incident, "NEW_REPORT").stream()
                        .anyMatch(n ->
                                n.path("recipient").path("username").asText().equals("chief2")));

        // The old chief's acknowledgement changes nothing; the new chief's forwards to the new department's head.
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief2", Instant.now()));
        List<JsonNode> acknowledged = published.await(incident, "HopAcknowledged", 1);
        assertEquals(
                List.of("chief2"),
                acknowledged.stream()
                        .map(e -> e.path("data").path("acknowledgedBy").asText())
                        .toList());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(incident, "FORWARDED").stream()
                        .anyMatch(n ->
                                n.path("recipient").path("username").asText().equals("head2")));
        assertTrue(published.notices(incident, "FORWARDED").stream()
                .noneMatch(n -> n.path("recipient").path("username").asText().equals("head1")));
        Hop old = db.read(() -> hops.findById(UUID.fromString(chiefHop)));
        assertEquals(HopStatus.CANCELLED, old.status());
    }

    @Test
    void article44_2_caseReportedForAnUnknownUnitReachesTheChiefAndHeadOnceMovedToAKnownOne() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(
                IncidentEvents.reported(incident, "csirt1", "no-such-section", null, List.of("csirt"), false));
        published.await(incident, "HopOpened", 1);
        IncidentEvents.send(
                IncidentEvents.unitChanged(incident, "demo-city", "no-such-section", "welfare-section", "welfare"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.of(incident, "HopOpened").stream()
                                .filter(e ->
                                        e.path("data").path("trigger").asText().equals("UNIT_CHANGED"))
                                .count()
                        == 2);
        assertEquals(
                List.of("DEPARTMENT_HEAD/head2", "SECTION_CHIEF/chief2"),
                published.of(incident, "HopOpened").stream()
                        .map(e -> e.path("data"))
                        .filter(d -> d.path("trigger").asText().equals("UNIT_CHANGED"))
                        .map(d -> d.path("step").asText() + "/"
                                + d.path("recipient").path("username").asText())
                        .sorted()
                        .toList());
        assertTrue(published.of(incident, "HopCancelled").isEmpty(), "a skipped step has nobody to cancel");
    }

    @Test
    void closingStopsTheChainOnceAndNothingOpensAfterwards() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.staffReport(incident);
        String number = report.path("data").path("number").asText();
        IncidentEvents.send(report);
        String chiefHop = published
                .await(incident, "HopOpened", 1)
                .get(0)
                .path("data")
                .path("hopId")
                .asText();

        IncidentEvents.send(IncidentEvents.closed(incident, number));
        IncidentEvents.send(IncidentEvents.withdrawn(incident, number));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        JsonNode stopped = published.await(incident, "ChainStopped", 1).get(0).path("data");
        assertEquals("CLOSED", stopped.path("reason").asText());
        assertEquals(
                List.of(chiefHop), List.of(stopped.path("cancelledHops").get(0).asText()));
        assertEquals(
                "CLOSED",
                published
                        .await(incident, "HopCancelled", 1)
                        .get(0)
                        .path("data")
                        .path("reason")
                        .asText());
        // Past the chief's deadline (直ちに = 3 s in tests): nothing times out, nothing is forwarded, one stop.
        Instant deadline = Instant.parse(published
                .of(incident, "HopOpened")
                .get(0)
                .path("data")
                .path("ackDeadline")
                .asText());
        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(deadline));
        // A timer round past the deadline does not claim the cancelled hop, and no round did: it is still
        // CANCELLED, not TIMED_OUT.
        assertTrue(!timeouts.timeOutDueHops().fired().contains(UUID.fromString(chiefHop)));
        assertEquals(
                HopStatus.CANCELLED,
                db.read(() -> hops.findById(UUID.fromString(chiefHop))).status());
        assertEquals(1, published.of(incident, "ChainStopped").size());
        assertEquals(1, published.of(incident, "HopOpened").size());
        assertTrue(published.of(incident, "HopTimedOut").isEmpty());
        assertTrue(published.of(incident, "HopAcknowledged").isEmpty());
        assertEquals(1, published.of(incident, "NotificationRequested").size(), "only the first NEW_REPORT");
    }

    @Test
    void withdrawalCancelsLegalRemindersAndResponseActionTimers() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.staffReport(incident);
        String number = report.path("data").path("number").asText();
        IncidentEvents.send(report);
        Instant now = Instant.now();
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                incident,
                number,
                "PPC_APPI",
                now,
                now.plus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(5))));
        IncidentEvents.send(IncidentEvents.responseAction(
                "ResponseActionRecorded",
                incident,
                UUID.randomUUID(),
                "general-affairs-section",
                null,
                java.time.LocalDate.now().plusDays(3),
                "PLANNED",
                0));
        IncidentEvents.send(IncidentEvents.withdrawn(incident, number));

        JsonNode stopped = published.await(incident, "ChainStopped", 1).get(0).path("data");
        assertEquals("WITHDRAWN", stopped.path("reason").asText());
        // Prompt and final report, notice to persons: a reminder and a deadline each; one overdue timer.
        assertEquals(7, stopped.path("cancelledTimers").asInt());
        assertEquals(
                List.of("WITHDRAWN"),
                published.of(incident, "HopCancelled").stream()
                        .map(e -> e.path("data").path("reason").asText())
                        .distinct()
                        .toList());
    }

    @Test
    void article48_drillMarkingChangeMarksTheCasesLaterNotices() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !published.notices(incident, "NEW_REPORT").isEmpty());
        assertFalse(
                published.notices(incident, "NEW_REPORT").get(0).path("drill").asBoolean());

        IncidentEvents.send(IncidentEvents.drillMarkingChanged(incident, true));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.notices(incident, "FORWARDED").size() >= 3);
        published
                .notices(incident, "FORWARDED")
                .forEach(n -> assertTrue(n.path("drill").asBoolean()));
    }

    @Test
    void redeliveredAcknowledgementForwardsNothingTwiceAndNoticeIdsAreDerived() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);
        ObjectNode ack = IncidentEvents.acknowledged(incident, "chief1", Instant.now());
        IncidentEvents.send(ack);
        IncidentEvents.send(ack);
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "head1", Instant.now()));
        published.await(incident, "HopAcknowledged", 2);

        List<JsonNode> forwarded = published.notices(incident, "FORWARDED");
        assertEquals(3, forwarded.size());
        JsonNode toHead = forwarded.stream()
                .filter(n -> n.path("recipient").path("username").asText().equals("head1"))
                .findFirst()
                .orElseThrow();
        String expected = UUID.nameUUIDFromBytes(
                        ("horenso-notice|hop:" + toHead.path("hopId").asText() + "|FORWARDED|head1")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        assertEquals(expected, toHead.path("notificationId").asText());
        assertNotEquals(
                forwarded.get(0).path("notificationId"), forwarded.get(1).path("notificationId"));
    }

    @Test
    void directoryIsPublishedWithItsDepartmentsAndSections() {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !published.ofSubject("demo-city", "DirectoryPublished").isEmpty());
        JsonNode directory =
                published.ofSubject("demo-city", "DirectoryPublished").get(0).path("data");
        assertEquals("demo-city", directory.path("organisation").asText());
        assertEquals("デモ市", directory.path("name").path("ja").asText());
        JsonNode welfare = null;
        for (JsonNode unit : directory.path("units")) {
            if (unit.path("code").asText().equals("welfare-section")) {
                welfare = unit;
            }
        }
        assertEquals("SECTION", welfare.path("kind").asText());
        assertEquals("welfare", welfare.path("parent").asText());
        assertEquals("福祉課", welfare.path("name").path("ja").asText());
    }

    private static ObjectNode forwardReport(UUID incident) {
        return IncidentEvents.reportedIn(
                "test-forward", incident, "f-staff", "f-sec", "f-dept", List.of("staff"), null, false);
    }
}
