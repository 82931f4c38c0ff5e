package jp.horenso.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV injection: what a spreadsheet would run as a formula is written so that it is shown as text. */
class SafeCsvInjectionTest {

    @Test
    void aDescriptionStartingAFormulaIsNeutralised() {
        String csv = SafeCsv.write(
                List.of("seq", "description"),
                List.of(List.of(1, "=HYPERLINK(\"http://evil.example/\",\"詳細\")")),
                false);
        assertEquals("seq,description\r\n1,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"詳細\"\")\"\r\n", csv);
    }

    @Test
    void everyFormulaStartGetsAnApostropheAndOrdinaryTextStaysAsItIs() {
        assertEquals("'+1", SafeCsv.neutralise("+1"));
        assertEquals("'-2+3", SafeCsv.neutralise("-2+3"));
        assertEquals("'@SUM(A1)", SafeCsv.neutralise("@SUM(A1)"));
        assertEquals("'\tx", SafeCsv.neutralise("\tx"));
        assertEquals("'\rx", SafeCsv.neutralise("\rx"));
        assertEquals("USBメモリの紛失 = 1件", SafeCsv.neutralise("USBメモリの紛失 = 1件"));
        assertEquals("{\"a\":1}", SafeCsv.neutralise("{\"a\":1}"));
        assertEquals("", SafeCsv.neutralise(""));
    }

    @Test
    void quotesCommasLineBreaksAndEmptyCellsFollowRfc4180() {
        String csv = SafeCsv.write(List.of("a", "b", "c"), List.of(Arrays.asList("確認, \"了解\"", "x\ny", null)), false);
        assertEquals("a,b,c\r\n\"確認, \"\"了解\"\"\",\"x\ny\",\r\n", csv);
    }
}
