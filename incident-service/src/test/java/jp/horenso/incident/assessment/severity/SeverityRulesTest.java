package jp.horenso.incident.assessment.severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every rule of docs/severity.md, through the API on the real database: one case that meets it and a near miss that
 * differs in the one fact the rule reads. Either test fails if the rule's condition moves.
 */
@QuarkusTest
class SeverityRulesTest {

    /** The computed severity and the rule ids that produced it. */
    private record Assessed(String level, List<String> rules) {}

    @Test
    void c1_myNumberDataLeakedWithoutStrongEncryptionIsCritical() {
        Assessed a = assess(r -> leak(r, 1, false, "MY_NUMBER"));
        assertHit(a, "C1", "CRITICAL");
    }

    @Test
    void c1_nearMiss_stronglyEncryptedMyNumberData() {
        assertMiss(assess(r -> leak(r, 1, true, "MY_NUMBER")), "C1");
    }

    @Test
    void c2_moreThan1000PersonsLeakedIsCritical() {
        assertHit(assess(r -> leak(r, 1001, true, "BASIC")), "C2", "CRITICAL");
    }

    @Test
    void c2_nearMiss_exactly1000Persons() {
        assertMiss(assess(r -> leak(r, 1000, true, "BASIC")), "C2");
    }

    @Test
    void c3_ongoingInTheMyNumberZoneIsCritical() {
        assertHit(
                assess(r -> {
                    r.put("networkZone", "MY_NUMBER_USE");
                    r.put("ongoing", true);
                }),
                "C3",
                "CRITICAL");
    }

    @Test
    void c3_nearMiss_overInTheMyNumberZoneOrOngoingInLgwan() {
        assertMiss(assess(r -> r.put("networkZone", "MY_NUMBER_USE")), "C3");
        assertMiss(
                assess(r -> {
                    r.put("networkZone", "LGWAN");
                    r.put("ongoing", true);
                }),
                "C3");
    }

    @Test
    void h1_aLegalReportDutyIsHigh() {
        assertHit(assess(r -> leak(r, 101, false, "BASIC")), "H1", "HIGH");
    }

    @Test
    void h1_nearMiss_100PersonsOwesNoReport() {
        assertMiss(assess(r -> leak(r, 100, false, "BASIC")), "H1");
    }

    @Test
    void h2_confidentiality3AffectedIsHigh() {
        assertHit(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("住民記録", "3", "1", "1")));
                    r.put("informationImpact", "PROPRIETARY_BREACH");
                }),
                "H2",
                "HIGH");
    }

    @Test
    void h2_nearMiss_confidentiality3ButNoInformationImpact() {
        assertMiss(assess(r -> r.put("assets", List.of(Records.asset("住民記録", "3", "1", "1")))), "H2");
    }

    @Test
    void h3_integrity2WithHighFunctionalImpactOrHardRecoveryIsHigh() {
        assertHit(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("税務システム", "1", "2", "1")));
                    r.put("functionalImpact", "HIGH");
                }),
                "H3",
                "HIGH");
        assertHit(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("税務システム", "1", "1", "2")));
                    r.put("recoverability", "EXTENDED");
                }),
                "H3",
                "HIGH");
    }

    @Test
    void h3_nearMiss_integrity2WithMediumImpactAndSupplementedRecovery() {
        assertMiss(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("税務システム", "1", "2", "2")));
                    r.put("functionalImpact", "MEDIUM");
                    r.put("recoverability", "SUPPLEMENTED");
                }),
                "H3");
        assertMiss(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("税務システム", "1", "1", "1")));
                    r.put("functionalImpact", "HIGH");
                }),
                "H3");
    }

    @Test
    void h4_anOngoingIntentionalAttackIsHigh() {
        assertHit(
                assess(r -> {
                    r.put("threatCategory", "INTENTIONAL_ATTACK");
                    r.put("ongoing", true);
                }),
                "H4",
                "HIGH");
    }

    @Test
    void h4_nearMiss_anIntentionalAttackThatIsOver() {
        assertMiss(assess(r -> r.put("threatCategory", "INTENTIONAL_ATTACK")), "H4");
    }

    @Test
    void m1_anyPersonalDataLeakIsMedium() {
        assertHit(assess(r -> leak(r, 1, false, "BASIC")), "M1", "MEDIUM");
    }

    @Test
    void m1_nearMiss_aMisSentMailWhoseCopiesWereAllDeletedUnread() {
        assertMiss(
                assess(r -> {
                    leak(r, 1, false, "BASIC");
                    r.put("kind", "MISSENT_EMAIL");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> pd = (Map<String, Object>) r.get("personalData");
                    pd.put("allCopiesConfirmedDeletedUnread", true);
                }),
                "M1");
    }

    @Test
    void m2_confidentiality2AffectedIsMedium() {
        assertHit(
                assess(r -> {
                    r.put("assets", List.of(Records.asset("内部資料", "2", "1", "1")));
                    r.put("informationImpact", "PROPRIETARY_BREACH");
                }),
                "M2",
                "MEDIUM");
    }

    @Test
    void m2_nearMiss_confidentiality2ButNoInformationImpact() {
        assertMiss(assess(r -> r.put("assets", List.of(Records.asset("内部資料", "2", "1", "1")))), "M2");
    }

    @Test
    void m3_mediumFunctionalImpactIsMedium() {
        assertHit(assess(r -> r.put("functionalImpact", "MEDIUM")), "M3", "MEDIUM");
    }

    @Test
    void m3_nearMiss_lowFunctionalImpact() {
        assertMiss(assess(r -> r.put("functionalImpact", "LOW")), "M3");
    }

    @Test
    void m4_theLgwanZoneIsMedium() {
        assertHit(assess(r -> r.put("networkZone", "LGWAN")), "M4", "MEDIUM");
    }

    @Test
    void m4_nearMiss_theInternetZone() {
        assertMiss(assess(r -> r.put("networkZone", "INTERNET")), "M4");
    }

    @Test
    void l0_noRuleAboveIsLowAndSaysSo() {
        Assessed a = assess(r -> {});
        assertEquals("LOW", a.level());
        assertEquals(List.of("L0"), a.rules());
    }

    @Test
    void l0_nearMiss_anyRuleAboveReplacesIt() {
        Assessed a = assess(r -> r.put("functionalImpact", "MEDIUM"));
        assertMiss(a, "L0");
        assertEquals("MEDIUM", a.level());
    }

    /** Files a case and writes a minor record changed by {@code change}; returns the computed severity. */
    private static Assessed assess(Consumer<Map<String, Object>> change) {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        change.accept(record);
        JsonPath view = Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Assessed(view.getString("severity.computed"), view.getList("severity.reasons.rule"));
    }

    private static void leak(Map<String, Object> record, int persons, boolean encrypted, String kind) {
        Map<String, Object> pd = Records.personalData(persons, kind);
        pd.put("stronglyEncrypted", encrypted);
        record.put("personalData", pd);
        record.put("informationImpact", "PRIVACY_BREACH");
    }

    private static void assertHit(Assessed a, String rule, String level) {
        assertTrue(a.rules().contains(rule), rule + " expected in " + a.rules());
        assertEquals(level, a.level(), a.rules().toString());
    }

    private static void assertMiss(Assessed a, String rule) {
        assertFalse(a.rules().contains(rule), rule + " not expected in " + a.rules());
    }
}
