package jp.horenso.web.onboarding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Onboarding an organisation from its bundle (issue 12): installation administrator only; always a dry run first
 * (what would be created, or each problem with line and field, Japanese first), then the same bundle created.
 */
@QuarkusTest
class OnboardingPageTest {

    private static final String BUNDLE = "organisation: demo-school\nname:\n  ja: デモ市教育委員会\n  en: Demo City Board"
            + " of Education\nunits:\n  - code: school-secretariat\n";

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void onlyTheInstallationAdministratorMayOnboardAndNothingIsSentForOthers() {
        for (String token : List.of(
                Tokens.token("seclead", "information-policy", "security-lead"),
                Tokens.gikaiSeclead(),
                Tokens.csirt1())) {
            given().auth().oauth2(token).get("/admin/organisations").then().statusCode(403);
            given().auth()
                    .oauth2(token)
                    .multiPart(text("content", BUNDLE))
                    .multiPart("action", "create")
                    .post("/admin/organisations")
                    .then()
                    .statusCode(403);
        }
        assertTrue(
                Upstream.received().stream()
                        .noneMatch(r -> r.get("path").toString().contains("/organisations")),
                "nothing sent for a refused person");
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .get("/admin/organisations")
                .then()
                .statusCode(200)
                .body(containsString("組織の登録"))
                .body(containsString("試行（登録しない）"))
                .body(containsString("インストール管理者"));
    }

    @Test
    void theDryRunShowsWhatWouldBeCreatedAndStoresNothingThenTheSameBundleIsCreated() {
        String admin = Tokens.installationAdmin();
        String html = given().auth()
                .oauth2(admin)
                .multiPart(text("content", BUNDLE))
                .multiPart("action", "dryRun")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("id=\"onboarding-dry-run\""), html);
        assertTrue(html.contains("まだ登録されていません"), html);
        assertTrue(html.contains("demo-school"), html);
        assertTrue(html.contains("デモ市教育委員会 / Demo City Board of Education"), html);
        assertTrue(html.contains("school-secretariat"), html);
        assertTrue(html.contains("id=\"onboarding-confirm\""), "confirmation offered after a clean dry run");
        Map<String, Object> dry = Upstream.the("POST", "/escalation/api/organisations");
        assertEquals("dryRun=true", dry.get("query"));
        assertTrue(String.valueOf(dry.get("contentType")).startsWith("application/yaml"), dry.toString());
        assertEquals(BUNDLE, dry.get("body"), "the bundle travels as it was typed");
        assertEquals("Bearer " + admin, dry.get("authorization"));
        assertEquals("ja", dry.get("acceptLanguage"));

        Upstream.forget();
        given().auth()
                .oauth2(admin)
                .multiPart(text("content", BUNDLE))
                .multiPart("action", "create")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .body(containsString("組織を登録しました"))
                .body(containsString("作成した内容"));
        Map<String, Object> created = Upstream.the("POST", "/escalation/api/organisations");
        assertEquals("dryRun=false", created.get("query"));
        assertEquals(BUNDLE, created.get("body"));
    }

    @Test
    void aBundleWithErrorsListsEachWithItsLineAndFieldInJapaneseThenEnglishAndIsNeverCreated() {
        String broken = BUNDLE + "  - code: broken\n    parent: gikai-nowhere\n";
        String ja = given().auth()
                .oauth2(Tokens.installationAdmin())
                .multiPart(text("content", broken))
                .multiPart("action", "dryRun")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(ja.contains("登録ファイルに問題があります。何も登録していません。"), ja);
        assertTrue(ja.contains("<td>4</td><td><code>units[1].parent</code></td><td>存在しない部署 gikai-nowhere です</td>"), ja);
        assertTrue(ja.contains("<td>9</td><td><code>people[0].email</code></td>"), ja);
        assertFalse(ja.contains("id=\"onboarding-confirm\""), "no confirmation after a failed dry run");
        String en = given().auth()
                .oauth2(Tokens.installationAdmin())
                .cookie("horenso-lang", "en")
                .multiPart(text("content", broken))
                .multiPart("action", "dryRun")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(en.contains("unknown unit gikai-nowhere"), en);
        assertTrue(en.contains("The bundle has problems. Nothing was stored."), en);
        assertTrue(
                Upstream.received().stream()
                        .filter(r -> r.get("path").toString().endsWith("/organisations"))
                        .allMatch(r -> "dryRun=true".equals(r.get("query"))),
                "only dry runs were sent");
    }

    @Test
    void anUploadedFileIsSentAsItIsAndAConflictIsExplained() {
        String existing = "organisation: demo-city\nname:\n  ja: デモ市\n";
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .multiPart("bundle", "demo-city.yaml", existing.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .multiPart("content", "")
                .multiPart("action", "dryRun")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .body(containsString("既に登録されている内容と衝突します"))
                .body(containsString("既に登録されています"));
        assertEquals(
                existing, Upstream.the("POST", "/escalation/api/organisations").get("body"));
    }

    /** A text field of the form, in UTF-8 as browsers send it. */
    private static io.restassured.specification.MultiPartSpecification text(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value)
                .controlName(name)
                .charset(StandardCharsets.UTF_8)
                .build();
    }

    @Test
    void anEmptyBundleIsNotSent() {
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .multiPart("content", "  ")
                .multiPart("action", "dryRun")
                .post("/admin/organisations")
                .then()
                .statusCode(200)
                .body(containsString("登録ファイルを選ぶか、内容を貼り付けてください"));
        assertTrue(Upstream.received().isEmpty(), String.valueOf(Upstream.received()));
    }
}
