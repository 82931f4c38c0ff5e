package jp.horenso.incident.document.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DocumentTest {

    private static final String CAUSE = "窓口端末の持ち出し手順が守られなかった";
    private static final String CONTAINMENT = "USBメモリの利用を停止";
    private static final String MEASURE = "持ち出し記録簿の導入と月次点検";

    @Inject
    EntityManager em;

    @Test
    void article44_4_cisoReportPdfCarriesTheSnapshotInJapaneseWithEveryFontEmbedded() throws IOException {
        String id = reportedCase(150);
        ReviewFixtures.measure(
                em, id, ResponseAction.Kind.CONTAINMENT, CONTAINMENT, "seclead", ResponseAction.Status.DONE);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        int version = ReviewFixtures.submit(id);
        Map<String, Object> report = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/ciso-reports/" + version)
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        String number = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .path("number");

        Response pdf = given().auth().oauth2(Tokens.ciso()).get(documents(id) + "/ciso-reports/" + version);
        pdf.then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Horenso-Source-SHA256", equalTo(report.get("sha256")))
                .header("Content-Disposition", containsString(number + "-ciso-report-"));
        byte[] bytes = pdf.asByteArray();
        save("ciso-report-ja.pdf", bytes);
        String text = text(bytes);
        assertTrue(text.contains(number), "case number");
        assertTrue(text.contains("情報セキュリティインシデント報告書"), "title");
        assertTrue(text.contains(CAUSE), "the cause, written in Japanese in the case");
        assertTrue(text.contains(CONTAINMENT) && text.contains(MEASURE), "containment and recurrence prevention");
        assertTrue(text.contains("csirt1") && text.contains("予定"), "who and status of each measure");
        assertTrue(text.contains("第1版"), "version");
        assertTrue(text.contains(compact((String) report.get("sha256"))), "the snapshot's SHA-256");
        assertTrue(text.contains(wareki()), "和暦 beside ISO: " + wareki());
        assertTrue(text.matches("(?s).*ページ 1 / \\d+.*"), "page numbers");
        assertEmbedded(bytes);

        String english = text(given().auth()
                .oauth2(Tokens.ciso())
                .get(documents(id) + "/ciso-reports/" + version + "?lang=en")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertTrue(english.contains("Information security incident report") && english.contains("Page 1 /"));
        assertTrue(english.contains(CAUSE), "case text stays as written");
    }

    @Test
    void article44_5_documentOfAReturnedReportDiffersFromTheAcceptedOne() throws IOException {
        String id = reportedCase(20);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        int first = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, first, "RETURN", "点検の頻度と担当を明記すること", null)
                .then()
                .statusCode(200);
        int second = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, second, "ACCEPT", null, null)
                .then()
                .statusCode(200);

        byte[] returnedPdf = given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/" + first)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        save("ciso-report-returned-ja.pdf", returnedPdf);
        String returned = text(returnedPdf);
        String accepted = text(given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/" + second)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertTrue(returned.contains("差戻し"), returned);
        assertTrue(returned.contains("点検の頻度と担当を明記すること"), "the CISO's instructions");
        assertFalse(accepted.contains("差戻し"));
        assertTrue(accepted.contains("承認"));
        assertFalse(accepted.contains("点検の頻度と担当を明記すること"));
        assertNotEquals(returned, accepted);
    }

    @Test
    void article44_6_committeeReportOnlyFromAnAcceptedReport() throws IOException {
        String id = reportedCase(20);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        ReviewFixtures.measure(
                em, id, ResponseAction.Kind.RECURRENCE_PREVENTION, "中止した案", "csirt1", ResponseAction.Status.CANCELLED);
        int version = ReviewFixtures.submit(id);
        given().auth()
                .oauth2(Tokens.ciso())
                .get(documents(id) + "/committee-report")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("承認"));
        given().auth()
                .oauth2(Tokens.ciso())
                .header("Accept-Language", "en")
                .get(documents(id) + "/committee-report")
                .then()
                .statusCode(409)
                .body("detail", containsString("accept"));

        ReviewFixtures.decide(Tokens.ciso(), id, version, "ACCEPT", null, true)
                .then()
                .statusCode(200);
        // The committee sees the case once the CISO reported it there.
        given().auth()
                .oauth2(Tokens.committee())
                .get(documents(id) + "/committee-report")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType("application/json")
                .body(Map.of("reportedAt", "2026-12-01T10:00:00+09:00", "reference", "委員会 第12回"))
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(200);
        byte[] pdf = given().auth()
                .oauth2(Tokens.committee())
                .get(documents(id) + "/committee-report")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        save("committee-report-ja.pdf", pdf);
        String text = text(pdf);
        assertTrue(text.contains("情報セキュリティ委員会への報告書"));
        assertTrue(text.contains(MEASURE));
        assertFalse(text.contains("中止した案"), "only the measures in force go to the committee");
        assertTrue(text.contains("委員会 第12回"));
        assertEmbedded(pdf);
    }

    @Test
    void r1_commissionReportDraftNamesTheDisclosureInItem7() throws IOException {
        String id = reportedCase(150);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/legal-duties/PPC_APPI/commission-report-draft")
                .then()
                .statusCode(200)
                .body("items[6].value", containsString("未定"));
        DisclosureFixtures.published(id, "USBメモリの紛失について", "窓口で使用していたUSBメモリが所在不明となりました。");
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/legal-duties/PPC_APPI/commission-report-draft")
                .then()
                .statusCode(200)
                .body("items[6].value", containsString("個別の報道発表により公表済み"));

        Response response = given().auth().oauth2(Tokens.seclead()).get(documents(id) + "/commission-reports/PPC_APPI");
        response.then()
                .statusCode(200)
                .header("Horenso-Source-SHA256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        save("commission-report-draft-ja.pdf", response.asByteArray());
        String text = text(response.asByteArray());
        assertTrue(text.contains("個人情報の漏えい等に係る報告書（案）"));
        assertTrue(text.contains("本人の数") && text.contains("150人"));
        assertTrue(text.contains("公表済み"), "item 7 from the disclosure record");
        assertTrue(text.contains(CAUSE));
        assertTrue(text.contains(compact(response.header("Horenso-Source-SHA256"))));
        assertEmbedded(response.asByteArray());

        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/commission-reports/NO_SUCH_DUTY")
                .then()
                .statusCode(404);
    }

    @Test
    void r1_noticeToPersonsOnlyForACaseWithPersonalData() throws IOException {
        String plain = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(plain) + "/persons-notice")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("個人情報"));

        String id = reportedCase(150);
        byte[] pdf = given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/persons-notice")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        save("persons-notice-draft-ja.pdf", pdf);
        String text = text(pdf);
        assertTrue(text.contains("個人情報の漏えい等に関するお知らせ（案）"));
        assertTrue(text.contains("デモ市"));
        assertTrue(text.contains(CAUSE));
        assertEmbedded(pdf);
    }

    @Test
    void htmlOnRequestAndBadParametersNamed() {
        String id = reportedCase(20);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        int version = ReviewFixtures.submit(id);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/" + version + "?format=html")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString(CAUSE))
                .body(containsString("lang=\"ja\""))
                .body(not(containsString("<script")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/" + version + "?format=docx")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("format"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/" + version + "?lang=fr")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lang"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/ciso-reports/99")
                .then()
                .statusCode(404);
    }

    @Test
    void staffMayNotDownloadDocumentsOfTheirOwnCase() {
        String id = reportedCase(150);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        int version = ReviewFixtures.submit(id);
        for (String path : List.of(
                "/ciso-reports/" + version, "/committee-report", "/commission-reports/PPC_APPI", "/persons-notice")) {
            given().auth()
                    .oauth2(Tokens.staff1())
                    .get(documents(id) + path)
                    .then()
                    .statusCode(403);
            given().get(documents(id) + path).then().statusCode(401);
        }
        given().auth()
                .oauth2(Tokens.chief1())
                .get(documents(id) + "/ciso-reports/" + version)
                .then()
                .statusCode(403);
    }

    @Test
    void everyDownloadIsATimelineEntry() {
        String id = reportedCase(150);
        ReviewFixtures.recurrencePrevention(em, id, MEASURE);
        int version = ReviewFixtures.submit(id);
        given().auth()
                .oauth2(Tokens.auditor())
                .get(documents(id) + "/ciso-reports/" + version + "?format=html")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(documents(id) + "/persons-notice?lang=en")
                .then()
                .statusCode(200);
        List<Map<String, Object>> downloads = new ArrayList<>();
        List<Map<String, Object>> timeline = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("timeline.type", hasItem("DOCUMENT_DOWNLOADED"))
                .extract()
                .path("timeline");
        timeline.stream()
                .filter(e -> "DOCUMENT_DOWNLOADED".equals(e.get("type")))
                .forEach(downloads::add);
        assertEquals(2, downloads.size());
        assertEquals("auditor", downloads.get(0).get("actor"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) downloads.get(0).get("details");
        assertEquals("CISO_REPORT", first.get("document"));
        assertEquals(version, first.get("version"));
        assertEquals("HTML", first.get("format"));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) downloads.get(1).get("details");
        assertEquals("PERSONS_NOTICE_DRAFT", second.get("document"));
        assertEquals("en", second.get("language"));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/audit/verify")
                .then()
                .statusCode(200);
    }

    /** A case whose record holds a cause, damage and personal data of {@code persons} persons. */
    private static String reportedCase(int persons) {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("cause", CAUSE);
        record.put("damageExtent", "流出は確認されていない");
        record.put("damageScope", "窓口で受け付けた申請書の控え");
        record.put("personalData", Records.personalData(persons, "BASIC"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        return id;
    }

    private static String documents(String id) {
        return "/api/incidents/" + id + "/documents";
    }

    private static String wareki() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        return "令和" + (today.getYear() - 2018) + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日";
    }

    /** Text extraction may break a long hash over lines; compare without white space. */
    private static String compact(String s) {
        return s.replaceAll("\\s", "");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            return text + "\n" + compact(text);
        }
    }

    /** Every font on every page is embedded in the file, so the glyphs do not depend on the reader's machine. */
    private static void assertEmbedded(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    fonts++;
                    assertTrue(font.isEmbedded(), "font not embedded: " + font.getName());
                }
            }
            assertTrue(fonts > 0, "no font at all");
        }
    }

    /** Keeps the generated PDFs for the samples in docs/images (rendered with pdftoppm). */
    private static void save(String name, byte[] pdf) throws IOException {
        Path dir = Path.of("target", "document-samples");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), pdf);
    }
}
