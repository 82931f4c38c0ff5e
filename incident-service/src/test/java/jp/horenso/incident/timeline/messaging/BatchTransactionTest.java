package jp.horenso.incident.timeline.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.ChainEvents.Event;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.PoisonRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The chain's events that one poll brings are applied in one transaction (issue 13: one commit for the batch, not
 * one per event), and an event of the batch that cannot be applied still goes to the dead-letter topic alone while
 * its neighbours are applied, each once.
 */
@QuarkusTest
class BatchTransactionTest {

    private static final String DEAD_LETTERS = ChainEvents.TOPIC + ".incident-service.dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theEventsOfOnePollAreAppliedInOneTransaction() {
        String id = Reports.file(Tokens.staff1());
        List<Event> events = List.of(
                chainStarted(id, "demo-city"),
                hopOpened(id),
                legalDeadlineApproaching(id),
                markedSerious(id, "demo-city"));
        KafkaTopics.sendTogether(
                ChainEvents.TOPIC, id, events.stream().map(Event::text).toList());

        Reports.awaitTimeline(
                id, TIMEOUT, "CHAIN_STARTED", "HOP_OPENED", "LEGAL_DEADLINE_APPROACHING", "MARKED_SERIOUS");
        // processed_at is the inbox row's now(): the start of the transaction that applied the event.
        assertEquals(List.of(4L, 1L), applied(events), "four events, one transaction");
    }

    @Test
    void anEventOfTheBatchThatCannotBeAppliedIsDeadLetteredAloneAndItsNeighboursAreApplied() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Event foreign = markedSerious(id, "demo-gikai"); // the case is demo-city's: refused, whatever the batch
        List<Event> valid = List.of(chainStarted(id, "demo-city"), hopOpened(id), legalDeadlineApproaching(id));
        List<String> batch = new ArrayList<>();
        batch.add(valid.get(0).text());
        batch.add(foreign.text());
        batch.add(valid.get(1).text());
        batch.add(valid.get(2).text());
        KafkaTopics.sendTogether(ChainEvents.TOPIC, id, batch);

        Reports.awaitTimeline(id, TIMEOUT, "CHAIN_STARTED", "HOP_OPENED", "LEGAL_DEADLINE_APPROACHING");
        List<ConsumerRecord<String, byte[]>> dead = PoisonRecords.awaitDeadLetters(
                bootstrap(), DEAD_LETTERS, id, 2, Duration.ofSeconds(5)); // waits for a second that must not come
        assertEquals(1, dead.size(), "only the refused event is dead-lettered");
        assertTrue(
                new String(dead.get(0).value(), StandardCharsets.UTF_8)
                        .contains(foreign.id().toString()),
                "the refused event");
        assertEquals(List.of(3L, 3L), applied(valid), "each neighbour applied once, each in its own transaction");
        assertEquals(List.of(0L, 0L), applied(List.of(foreign)), "the refused event left nothing behind");
        given().auth()
                .oauth2(Tokens.csirt1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .body("timeline.type", not(hasItem("MARKED_SERIOUS")));
    }

    /** How many of the events were applied, and in how many transactions ({@link ChainEvents#applied}). */
    private static List<Long> applied(List<Event> events) {
        return ChainEvents.applied(events.stream().map(Event::id).toList());
    }

    private static Event chainStarted(String id, String organisation) {
        return ChainEvents.event(organisation, "ChainStarted", id, now(), """
                {"incidentId":"%s","organisation":"%s","chainVersion":1}""".formatted(id, organisation));
    }

    private static Event hopOpened(String id) {
        return ChainEvents.event("demo-city", "HopOpened", id, now(), """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"chief1",
                 "name":"総務 課長","email":"chief1@demo-city.example.jp"},"ackDeadline":"%s","trigger":"REPORT",
                 "attempt":1,"deputy":false,"deputyFor":null}""".formatted(
                        id, UUID.randomUUID(), ChainEvents.t(now().plusMinutes(15))));
    }

    private static Event legalDeadlineApproaching(String id) {
        return ChainEvents.event("demo-city", "LegalDeadlineApproaching", id, now(), """
                {"incidentId":"%s","incidentNumber":"DEMO-2026-000001","code":"PPC_APPI","report":"PROMPT",
                 "reportTo":"個人情報保護委員会","dueAt":"%s","remindedAt":"%s",
                 "reminded":[{"username":"csirt1"}],"drill":false}""".formatted(
                        id, ChainEvents.t(now().plusDays(2)), ChainEvents.t(now())));
    }

    private static Event markedSerious(String id, String organisation) {
        return ChainEvents.event(
                organisation, "IncidentMarkedSerious", id, now(), """
                {"incidentId":"%s","markedBy":"head1","markedAt":"%s","reason":"住民サービスに影響"}""".formatted(id, ChainEvents.t(now())));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
