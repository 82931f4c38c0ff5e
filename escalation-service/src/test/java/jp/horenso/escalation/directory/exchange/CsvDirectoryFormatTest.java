package jp.horenso.escalation.directory.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV sheet on its own: formula cells neutralised and restored, lines of records and errors. */
class CsvDirectoryFormatTest {

    @Test
    void everyFormulaStartIsNeutralisedOnExportAndRestoredOnImport() {
        List<String> names = List.of(
                "=1+2",
                "+81-3-0000",
                "-5",
                "@SUM(A1)",
                "\tタブ",
                "\r改行",
                "'=quoted",
                "''=twice",
                "'apostrophe",
                "O'Brien",
                "普通の名前");
        List<Map<String, String>> rows = names.stream()
                .map(name -> person("p" + names.indexOf(name), name))
                .toList();

        String csv = CsvDirectoryFormat.write(rows);
        for (String cell : csv.substring(1).split("[,\\n]")) {
            String value = cell.startsWith("\"") ? cell.substring(1) : cell;
            assertFalse(!value.isEmpty() && "=+-@\t".indexOf(value.charAt(0)) >= 0, "a cell starts a formula: " + cell);
        }

        DirectoryRows read = CsvDirectoryFormat.read(csv);
        assertEquals(List.of(), read.unreadable);
        assertEquals(
                names, read.people.stream().map(DirectoryRows.PersonRow::name).toList());
    }

    @Test
    void recordsAndErrorsCarryTheLineTheyStartOn() {
        String csv = """
                # 2027年4月の組織改正 / April 2027
                type,id,unit,position,kind,name_ja,name_en,email,locale,valid_from,valid_until

                person,a,sec,,,"二行の
                名前",,a@example.jp,ja,,
                # comment
                person,b,sec,,,B,,b@example.jp,ja,,
                ,,,,,,,,,,
                """;

        DirectoryRows read = CsvDirectoryFormat.read(csv);
        assertEquals(List.of(), read.unreadable);
        assertEquals(
                List.of(4, 7),
                read.people.stream().map(DirectoryRows.PersonRow::line).toList());
        assertEquals("二行の\n名前", read.people.get(0).name());

        DirectoryRows unclosed = CsvDirectoryFormat.read(csv + "person,c,sec,,,\"閉じていない,,c@example.jp,ja,,\n");
        assertEquals(1, unclosed.unreadable.size());
        assertEquals(9, unclosed.unreadable.get(0).line());
        assertEquals("csv", unclosed.unreadable.get(0).field());
    }

    private static Map<String, String> person(String username, String name) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("type", "person");
        row.put("id", username);
        row.put("name_ja", name);
        row.put("email", username + "@example.jp");
        return row;
    }
}
