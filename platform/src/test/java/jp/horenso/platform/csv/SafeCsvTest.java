package jp.horenso.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeCsvTest {

    @Test
    void formulaCellsAreWrittenAsTextAndRestoreLosslessly() {
        for (String cell : List.of(
                "=HYPERLINK(\"http://evil\",\"x\")",
                "+1",
                "-1",
                "@SUM(A1)",
                "\tx",
                "\rx",
                "'=x",
                "''+x",
                "plain",
                "",
                "it's",
                "'quoted'")) {
            String written = SafeCsv.neutralise(cell);
            if (!cell.isEmpty()
                    && ("=+-@\t\r"
                                    .indexOf(
                                            cell.replaceFirst("^'+", "").isEmpty()
                                                    ? 'a'
                                                    : cell.replaceFirst("^'+", "")
                                                            .charAt(0))
                            >= 0)) {
                assertEquals("'" + cell, written, cell);
            } else {
                assertEquals(cell, written, cell);
            }
            assertEquals(cell, SafeCsv.restore(written), cell);
        }
    }

    @Test
    void writesRfc4180WithCrlfQuotesAndAnOptionalBom() {
        String csv = SafeCsv.write(
                List.of("name", "note"),
                List.of(Arrays.asList("=cmd|' /C calc'!A0", null), List.of("山田, 太郎", "改行\nあり")),
                true);
        assertEquals("\uFEFFname,note\r\n'=cmd|' /C calc'!A0,\r\n\"山田, 太郎\",\"改行\nあり\"\r\n", csv);
    }
}
