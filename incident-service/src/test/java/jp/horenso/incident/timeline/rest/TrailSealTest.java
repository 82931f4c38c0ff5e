package jp.horenso.incident.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.support.OwnerDatabase;
import jp.horenso.incident.support.Tokens;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.incident.timeline.TrailHead;
import jp.horenso.incident.timeline.repository.TimelineRepository;
import jp.horenso.incident.timeline.service.TimelineService;
import jp.horenso.incident.timeline.service.TrailSealer;
import org.junit.jupiter.api.Test;

/**
 * Trail heads sealed with a key kept outside the database (第117–119条, issue 12): someone with every right on the
 * database but without the key who rewrites a case's entries and head consistently is still found.
 */
@QuarkusTest
class TrailSealTest {

    @Inject
    EntityManager em;

    @Inject
    TimelineRepository entries;

    @Inject
    TrailSealer sealer;

    @Inject
    TimelineService timeline;

    @Test
    void article117_aConsistentRewriteOfEntriesAndHeadIsFoundThroughTheSeal() {
        String id = TrailResistanceTest.reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        assertFalse(sealer.seal().isEmpty());
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("seal.id", notNullValue())
                .body("seal.seq", equalTo(2))
                .body("seal.valid", equalTo(true));
        // Nothing moved since: the next seal does not cover the case again.
        Long sealed = latestSealOf(incident);
        sealer.seal();
        assertEquals(sealed, latestSealOf(incident));

        rewriteWithActor(incident, "mallory");

        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("entries", equalTo(2))
                .body("recordedHead.seq", equalTo(2))
                .body("intact", equalTo(false))
                .body("brokenAtSeq", equalTo(2))
                .body("findings", hasSize(1))
                .body("findings[0].code", equalTo("REWRITTEN_SINCE_SEAL"))
                .body("findings[0].ja", equalTo("記録 2 は封印（" + sealed + "）の後に書き換えられています（封印時のハッシュと一致しません）。"))
                .body("seal.valid", equalTo(true));
        // The sealer does not seal the rewritten trail: the earlier seal stays the one verification holds.
        sealer.seal();
        assertEquals(sealed, latestSealOf(incident));
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(false))
                .body("findings[0].code", equalTo("REWRITTEN_SINCE_SEAL"));
    }

    @Test
    void article117_aSealRewrittenWithoutTheKeyIsFound() {
        String id = TrailResistanceTest.reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        sealer.seal();
        TrailHead rewritten = rewriteWithActor(incident, "mallory");
        OwnerDatabase.run(
                "SET LOCAL session_replication_role = replica;"
                        + " UPDATE timeline_seal_head SET hash = ? WHERE incident_id = ?",
                rewritten.hash(),
                incident);
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("seal.valid", equalTo(false))
                .body("findings[0].code", equalTo("SEAL_INVALID"));
    }

    @Test
    void aHeadThatMovedIsSealedAgain() {
        String id = TrailResistanceTest.reportedAndAcknowledged();
        UUID incident = UUID.fromString(id);
        sealer.seal();
        Long first = latestSealOf(incident);
        QuarkusTransaction.requiringNew()
                .run(() -> timeline.append(
                        incident,
                        TimelineType.MARKED_SERIOUS,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        "ciso",
                        Map.of("reason", "再評価"),
                        null));
        List<Long> written = sealer.seal();
        Long second = latestSealOf(incident);
        assertTrue(second > first && written.contains(second), first + " → " + second);
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .body("intact", equalTo(true))
                .body("seal.id", equalTo(second.intValue()))
                .body("seal.seq", equalTo(3));
    }

    private Long latestSealOf(UUID incident) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT max(seal_id) FROM timeline_seal_head WHERE incident_id = ?1")
                                .setParameter(1, incident)
                                .getSingleResult())
                        .longValue());
    }

    /**
     * What a superuser without the seal key could do: switch every guard off, change who did entry 2, recompute the
     * hashes so that the chain links again, and move the head to the new last hash.
     */
    private TrailHead rewriteWithActor(UUID incident, String actor) {
        List<TimelineEntry> trail = QuarkusTransaction.requiringNew().call(() -> entries.of(incident));
        // The application role may not rewrite the trail (V14): the intruder is the owner.
        return OwnerDatabase.transaction(c -> {
            OwnerDatabase.update(c, "SET LOCAL session_replication_role = replica");
            TrailHead head = TrailHead.EMPTY;
            for (TimelineEntry e : trail) {
                TimelineEntry forged = TimelineEntry.after(
                        head,
                        incident,
                        e.type(),
                        e.at(),
                        e.seq() == 2 ? actor : e.actor(),
                        e.details(),
                        e.sourceEventId());
                OwnerDatabase.update(
                        c,
                        "UPDATE timeline_entry SET actor = ?, prev_hash = ?, hash = ? WHERE incident_id = ? AND seq = ?",
                        forged.actor(),
                        forged.prevHash(),
                        forged.hash(),
                        incident,
                        e.seq());
                head = new TrailHead(forged.seq(), forged.hash());
            }
            OwnerDatabase.update(c, "UPDATE timeline_head SET hash = ? WHERE incident_id = ?", head.hash(), incident);
            return head;
        });
    }
}
