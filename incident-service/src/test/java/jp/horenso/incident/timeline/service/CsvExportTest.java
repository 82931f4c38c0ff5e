package jp.horenso.incident.timeline.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV injection: what a spreadsheet would run as a formula is written so that it is shown as text. */
class CsvExportTest {

    @Test
    void aDescriptionStartingAFormulaIsNeutralised() {
        String csv = CsvExport.write(
                List.of("seq", "description"), List.of(List.of(1, "=HYPERLINK(\"http://evil.example/\",\"詳細\")")));
        assertEquals("seq,description\r\n1,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"詳細\"\")\"\r\n", csv);
    }

    @Test
    void everyFormulaStartGetsAnApostropheAndOrdinaryTextStaysAsItIs() {
        assertEquals("'+1", CsvExport.neutralise("+1"));
        assertEquals("'-2+3", CsvExport.neutralise("-2+3"));
        assertEquals("'@SUM(A1)", CsvExport.neutralise("@SUM(A1)"));
        assertEquals("'\tx", CsvExport.neutralise("\tx"));
        assertEquals("'\rx", CsvExport.neutralise("\rx"));
        assertEquals("USBメモリの紛失 = 1件", CsvExport.neutralise("USBメモリの紛失 = 1件"));
        assertEquals("{\"a\":1}", CsvExport.neutralise("{\"a\":1}"));
        assertEquals("", CsvExport.neutralise(""));
    }

    @Test
    void quotesCommasLineBreaksAndEmptyCellsFollowRfc4180() {
        String csv = CsvExport.write(List.of("a", "b", "c"), List.of(Arrays.asList("確認, \"了解\"", "x\ny", null)));
        assertEquals("a,b,c\r\n\"確認, \"\"了解\"\"\",\"x\ny\",\r\n", csv);
    }
}
