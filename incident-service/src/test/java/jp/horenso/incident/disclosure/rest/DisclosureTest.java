package jp.horenso.incident.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DisclosureTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void article43_5_cisoDecidesDisclosure() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(150, "BASIC"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        String path = "/api/incidents/" + id + "/disclosure";

        // R5: a case with a legal duty is announced individually; the proposal says why.
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path)
                .then()
                .statusCode(200)
                .body("proposed.method", equalTo("INDIVIDUAL_PRESS_RELEASE"))
                .body("proposed.reasons.rule", hasItems("I1", "I3"))
                .body("proposed.reasons.ja", hasItem(containsString("PPC_APPI")))
                .body("decision", nullValue());

        DisclosureFixtures.decide(Tokens.csirt1(), id, "PRESS_CONFERENCE")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("method", "PERIODIC_BULK_RELEASE", "note", "二次被害のおそれがないため一括公表とする"))
                .put(path + "/decision")
                .then()
                .statusCode(200)
                .body("decision.method", equalTo("PERIODIC_BULK_RELEASE"))
                .body("decision.ja", equalTo("定期的な一括公表"))
                .body("decision.note", equalTo("二次被害のおそれがないため一括公表とする"))
                .body("decision.decidedBy", equalTo("ciso"))
                .body("decision.decidedAt", notNullValue())
                .body("decision.proposedMethod", equalTo("INDIVIDUAL_PRESS_RELEASE"))
                .body("decision.followsProposal", equalTo(false));
        DisclosureFixtures.decide(Tokens.ciso(), id, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200)
                .body("decision.followsProposal", equalTo(true));
        JsonPath view = given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id)
                .jsonPath();
        List<Map<String, Object>> decided = view.getList("timeline.findAll { it.type == 'DISCLOSURE_DECIDED' }");
        assertEquals(2, decided.size());
        assertEquals(
                "PERIODIC_BULK_RELEASE",
                view.getString("timeline.findAll { it.type == 'DISCLOSURE_DECIDED' }[1].details.method.before"));
        assertEquals(
                "INDIVIDUAL_PRESS_RELEASE",
                view.getString("timeline.findAll { it.type == 'DISCLOSURE_DECIDED' }[1].details.method.after"));
        assertEquals("ciso", view.getString("timeline.findAll { it.type == 'DISCLOSURE_DECIDED' }[1].actor"));

        // Draft by the CSIRT, approval by the CISO, publication with its time.
        DisclosureFixtures.saveDraft(
                        Tokens.csirt1(),
                        id,
                        DisclosureFixtures.text(
                                "個人情報を含む資料の紛失について", "窓口で使用していた記録媒体が所在不明となりました。市民の皆様にご心配をおかけし、おわび申し上げます。"))
                .then()
                .statusCode(201)
                .header("Location", endsWith(path + "/drafts/1"));
        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(200)
                .body("drafts[0].approvedBy", equalTo("ciso"));
        // Zero seconds, which OffsetDateTime.toString() leaves out: the event must still carry an RFC 3339 time.
        String publishedAt =
                OffsetDateTime.now().minusMinutes(30).withSecond(0).withNano(0).toString();
        Response published = given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("draftVersion", 1, "publishedAt", publishedAt))
                .post(path + "/publications");
        published
                .then()
                .statusCode(201)
                .body("publications", hasSize(1))
                .body("publications[0].method", equalTo("INDIVIDUAL_PRESS_RELEASE"))
                .body("publications[0].publishedBy", equalTo("ciso"));
        String publicationId = published.path("publications[0].id");
        int publicId = published.path("publications[0].publicId");
        published.then().header("Location", endsWith("/api/public/organisations/demo-city/disclosures/" + publicId));
        given().get("/api/public/organisations/demo-city/disclosures/" + publicId)
                .then()
                .statusCode(200)
                .body("title.ja", equalTo("個人情報を含む資料の紛失について"));
        given().get("/api/public/disclosures/" + publicationId)
                .then()
                .statusCode(200)
                .body("title.ja", equalTo("個人情報を含む資料の紛失について"))
                .body("method", equalTo("INDIVIDUAL_PRESS_RELEASE"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body(
                        "timeline.type",
                        hasItems("DISCLOSURE_DRAFT_SAVED", "DISCLOSURE_DRAFT_APPROVED", "DISCLOSURE_PUBLISHED"));

        ConsumerRecord<String, String> decidedEvent = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("DisclosureDecided"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("DisclosureDecided", decidedEvent.value());
        ConsumerRecord<String, String> publishedEvent = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("DisclosurePublished"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("DisclosurePublished", publishedEvent.value());
        JsonNode data = mapper.readTree(publishedEvent.value()).get("data");
        assertEquals(publicationId, data.get("publicationId").asText());
        assertEquals(
                OffsetDateTime.parse(publishedAt).toInstant(),
                OffsetDateTime.parse(data.get("publishedAt").asText()).toInstant());
    }

    @Test
    void r5_proposalFollowsSeverityAndLegalDuty() {
        String minor = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + minor + "/disclosure")
                .then()
                .body("proposed.method", equalTo("PERIODIC_BULK_RELEASE"))
                .body("proposed.reasons.rule", equalTo(List.of("B1")));

        String critical = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("networkZone", "MY_NUMBER_USE");
        record.put("ongoing", true);
        Records.write(Tokens.csirt1(), critical, record)
                .then()
                .statusCode(200)
                .body("severity.level", equalTo("CRITICAL"));
        given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + critical + "/disclosure")
                .then()
                .body("proposed.method", equalTo("PRESS_CONFERENCE"))
                .body("proposed.reasons[0].rule", equalTo("P1"))
                .body("proposed.reasons[0].en", containsString("Critical"));

        Map<String, Object> drillReport = Reports.valid();
        drillReport.put("drill", true);
        String drill = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(drillReport)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + drill + "/disclosure")
                .then()
                .body("proposed.method", equalTo("NONE"))
                .body("proposed.reasons.rule", equalTo(List.of("N1")));
    }

    @Test
    void disclosureTextWithPersonalDataIsRefused() {
        Map<String, Object> report = Reports.valid();
        report.put(
                "description",
                "住民の山田太郎様（住所: デモ市本町1丁目2番3号、電話 0289-12-3456、" + "taro.yamada@example.com）宛ての通知を別の方に誤送信した。");
        String id = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(report)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> record = Records.minor();
        record.put("description", report.get("description"));
        record.put("cause", "宛先の確認不足。受信者は佐藤 花子さん。");
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        DisclosureFixtures.decide(Tokens.ciso(), id, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200);

        Map<String, Object> leaky =
                DisclosureFixtures.text("通知の誤送信について", "山田太郎様あての通知を誤って佐藤花子様に送付しました。問い合わせは 0289-12-3456 へ。");
        leaky.put("titleEn", "A notice sent to the wrong person");
        leaky.put("bodyEn", "A notice for TARO.YAMADA@example.com was sent to another person.");
        // Saving is allowed and shows what would be refused, so the CSIRT can fix it early.
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, leaky)
                .then()
                .statusCode(201)
                .body("drafts[0].personalData.kind", hasItems("NAME", "PHONE", "EMAIL"));

        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("disclosure.personal-data"))
                .body("status", equalTo(422))
                .body("errors.field", hasItems("bodyJa", "bodyEn"))
                .body("errors.message", hasItem(allOf(containsString("氏名「山田太郎」"), containsString("事案の説明"))))
                .body("errors.message", hasItem(allOf(containsString("氏名「佐藤花子」"), containsString("原因"))))
                .body("errors.message", hasItem(containsString("電話番号「0289-12-3456」")))
                .body("errors.message", hasItem(containsString("メールアドレス「TARO.YAMADA@example.com」")));
        DisclosureFixtures.approve(Tokens.ciso(), id, 1, "en")
                .then()
                .statusCode(422)
                .body("detail", containsString("personal data"))
                .body(
                        "errors.message",
                        hasItem(allOf(containsString("name \"山田太郎\""), containsString("description of the case"))));

        // Generic patterns are refused even when the case does not hold them; a My Number is never echoed whole.
        Response generic = DisclosureFixtures.saveDraft(
                Tokens.csirt1(),
                id,
                DisclosureFixtures.text("通知の誤送信について", "対象の個人番号 1234-5678-9012 を含む通知。送付先 〒100-0001 東京都千代田区千代田1-1"));
        generic.then().statusCode(201);
        Response refused = DisclosureFixtures.approve(Tokens.ciso(), id, 2);
        refused.then()
                .statusCode(422)
                .body("errors.message", hasItem(containsString("個人番号（マイナンバー）と思われる「********9012」")))
                .body("errors.message", hasItem(containsString("郵便番号")))
                .body("errors.message", hasItem(containsString("住所と思われる「東京都千代田区千代田1-1」")));
        assertFalse(refused.asString().contains("1234-5678-9012"));

        // A clean text, with the city's own public contact number, is approved and published.
        DisclosureFixtures.saveDraft(
                        Tokens.csirt1(),
                        id,
                        DisclosureFixtures.text("通知の誤送信について", "市民1名あての通知を別の市民に誤送信しました。お問い合わせ: 情報政策課 0289-00-0000"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), id, 3)
                .then()
                .statusCode(200)
                .body("drafts[2].personalData", hasSize(0));
        DisclosureFixtures.publish(Tokens.csirt1(), id, 3).then().statusCode(201);
        DisclosureFixtures.publish(Tokens.ciso(), id, 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.not-approved"));
    }

    @Test
    void article14_draftAuthorCannotApproveIt() {
        String id = Reports.file(Tokens.staff1());
        DisclosureFixtures.decide(Tokens.ciso(), id, "PERIODIC_BULK_RELEASE")
                .then()
                .statusCode(200);
        String both = Tokens.token("dual", null, "demo-city", "csirt", "ciso");
        DisclosureFixtures.saveDraft(both, id, DisclosureFixtures.text("記録媒体の紛失について", "記録媒体が所在不明となりました。"))
                .then()
                .statusCode(201)
                .body("drafts[0].createdBy", equalTo("dual"));
        DisclosureFixtures.approve(both, id, 1)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("disclosure.separation-of-duties"))
                .body("detail", containsString("第14条"));
        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(200)
                .body("drafts[0].approvedBy", equalTo("ciso"));
    }

    @Test
    void draftVersionsAreKeptAndOnlyTheLatestIsApprovedOnce() {
        String id = Reports.file(Tokens.staff1());
        DisclosureFixtures.decide(Tokens.ciso(), id, "PERIODIC_BULK_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, DisclosureFixtures.text("第1版", "最初の文案"))
                .then()
                .statusCode(201);
        Map<String, Object> second = DisclosureFixtures.text("第2版", "修正した文案");
        second.put("titleEn", "Version 2");
        second.put("bodyEn", "The revised text");
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, second)
                .then()
                .statusCode(201)
                .header("Location", endsWith("/drafts/2"))
                .body("drafts.version", equalTo(List.of(1, 2)))
                .body("drafts[0].bodyJa", equalTo("最初の文案"))
                .body("drafts[1].bodyEn", equalTo("The revised text"));

        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.not-latest-draft"));
        DisclosureFixtures.approve(Tokens.ciso(), id, 3).then().statusCode(404).contentType("application/problem+json");
        DisclosureFixtures.approve(Tokens.ciso(), id, 2).then().statusCode(200);
        DisclosureFixtures.approve(Tokens.ciso(), id, 2)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.already-approved"));
        DisclosureFixtures.publish(Tokens.ciso(), id, 2).then().statusCode(201);
        DisclosureFixtures.publish(Tokens.ciso(), id, 2)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.already-published"));

        // A saved version cannot be rewritten behind the API's back either.
        assertThrows(
                Exception.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "UPDATE disclosure_draft SET body_ja = '改ざん' WHERE incident_id = cast(?1 as uuid) AND version = 1")
                                .setParameter(1, id)
                                .executeUpdate()));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/disclosure")
                .then()
                .body("drafts[0].bodyJa", equalTo("最初の文案"));
    }

    @Test
    void article44_7_publishedDisclosureIncludesAcceptedRecurrencePrevention() {
        String id = Reports.file(Tokens.staff1());
        DisclosureFixtures.decide(Tokens.ciso(), id, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200);
        Map<String, Object> withMeasures =
                DisclosureFixtures.text("記録媒体の紛失と再発防止策について", "記録媒体が所在不明となりました。再発防止策は次のとおりです。");
        withMeasures.put("includeRecurrencePrevention", true);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, withMeasures)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("disclosure.no-accepted-recurrence-prevention"))
                .body("detail", containsString("第44条7項"));

        int accepted = ReviewFixtures.accepted(em, id, "記録媒体の持ち出しを台帳で管理する", null);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, withMeasures)
                .then()
                .statusCode(201)
                .body("drafts[0].recurrencePrevention", equalTo(List.of("記録媒体の持ち出しを台帳で管理する")))
                .body("drafts[0].acceptedReportVersion", equalTo(accepted));
        DisclosureFixtures.approve(Tokens.ciso(), id, 1).then().statusCode(200);
        String publicationId = DisclosureFixtures.publish(Tokens.csirt1(), id, 1)
                .then()
                .statusCode(201)
                .extract()
                .path("publications[0].id");
        given().get("/api/public/disclosures/" + publicationId)
                .then()
                .statusCode(200)
                .body("recurrencePrevention", equalTo(List.of("記録媒体の持ち出しを台帳で管理する")));
    }

    @Test
    void publishingNeedsTheCisosDecisionToPublish() {
        String id = Reports.file(Tokens.staff1());
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, DisclosureFixtures.text("件名", "本文"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.not-decided"))
                .body("detail", containsString("第43条5項"));
        DisclosureFixtures.decide(Tokens.ciso(), id, "NONE").then().statusCode(200);
        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.decided-none"));
        DisclosureFixtures.publish(Tokens.ciso(), id, 1)
                .then()
                .statusCode(409)
                .body("type", endsWith("disclosure.decided-none"));
    }

    @Test
    void onlyCsirtWritesOnlyCisoDecidesAndApprovesAuditorReadsOnly() {
        String id = Reports.file(Tokens.staff1());
        String path = "/api/incidents/" + id + "/disclosure";
        for (String token : new String[] {Tokens.staff1(), Tokens.chief1(), Tokens.head1(), Tokens.committee()}) {
            given().auth().oauth2(token).get(path).then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.auditor()).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.seclead()).get(path).then().statusCode(200);
        for (String token : new String[] {Tokens.auditor(), Tokens.csirt1(), Tokens.seclead(), Tokens.staff1()}) {
            DisclosureFixtures.decide(token, id, "NONE").then().statusCode(403);
        }
        for (String token : new String[] {Tokens.auditor(), Tokens.ciso(), Tokens.staff1()}) {
            DisclosureFixtures.saveDraft(token, id, DisclosureFixtures.text("件名", "本文"))
                    .then()
                    .statusCode(403);
        }
        DisclosureFixtures.decide(Tokens.ciso(), id, "PERIODIC_BULK_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, DisclosureFixtures.text("件名", "本文"))
                .then()
                .statusCode(201);
        for (String token : new String[] {Tokens.auditor(), Tokens.csirt1(), Tokens.seclead()}) {
            DisclosureFixtures.approve(token, id, 1).then().statusCode(403);
        }
        DisclosureFixtures.approve(Tokens.ciso(), id, 1).then().statusCode(200);
        for (String token : new String[] {Tokens.auditor(), Tokens.seclead(), Tokens.staff1()}) {
            DisclosureFixtures.publish(token, id, 1).then().statusCode(403);
        }
        given().auth()
                .oauth2(Tokens.auditor())
                .get(path)
                .then()
                .body("publications", hasSize(0))
                .body("drafts[0].approvedBy", equalTo("ciso"));
    }

    @Test
    void badDisclosureInputIsRefusedWith400() {
        String id = Reports.file(Tokens.staff1());
        String path = "/api/incidents/" + id + "/disclosure";
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("method", "TWEET"))
                .put(path + "/decision")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("method"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("method", "NONE", "note", "x".repeat(2001)))
                .put(path + "/decision")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("note"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("titleJa", "件名"))
                .post(path + "/drafts")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("bodyJa"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("titleJa", "x".repeat(201), "bodyJa", "本文"))
                .post(path + "/drafts")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("titleJa"));
        Map<String, Object> halfEnglish = DisclosureFixtures.text("件名", "本文");
        halfEnglish.put("titleEn", "Title only");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(halfEnglish)
                .post(path + "/drafts")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("bodyEn"))
                .body("errors.message", hasItem(containsString("both the English title and body")));
        Map<String, Object> unknown = DisclosureFixtures.text("件名", "本文");
        unknown.put("approvedBy", "ciso");
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(unknown)
                .post(path + "/drafts")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("approvedBy"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(path + "/publications")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("draftVersion"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "draftVersion",
                        1,
                        "publishedAt",
                        OffsetDateTime.now().plusDays(1).toString()))
                .post(path + "/publications")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("publishedAt"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(path)
                .then()
                .body("drafts", hasSize(0))
                .body("decision", nullValue())
                .body("proposed.method", not(equalTo("NONE")));
    }
}
