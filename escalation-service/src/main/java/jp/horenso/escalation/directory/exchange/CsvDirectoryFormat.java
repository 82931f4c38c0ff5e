package jp.horenso.escalation.directory.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.horenso.escalation.common.problem.ProblemException.Invalid;
import jp.horenso.escalation.common.problem.ProblemException.Text;

/**
 * The directory as one CSV sheet (RFC 4180, UTF-8, as Excel writes it): a header, then one row per unit, person,
 * position or deputy, told apart by the {@code type} column. Lines starting with {@code #} are comments.
 *
 * <pre>
 * type,id,unit,position,kind,name_ja,name_en,email,locale,valid_from,valid_until
 * unit,general-affairs,,,DEPARTMENT,総務部,General Affairs Department,,,,
 * unit,general-affairs-section,general-affairs,,SECTION,総務課,General Affairs Section,,,,
 * person,chief1,general-affairs-section,,,総務 課長 一郎,,chief1@demo-city.example.jp,ja,,
 * position,chief1,general-affairs-section,SECTION_CHIEF,,,,,,,
 * deputy,staff1,general-affairs-section,SECTION_CHIEF,,,,,,2026-04-01,2027-03-31
 * </pre>
 * {@code id} is the unit's code, the person's user name, the position's holder or the deputy; {@code unit} is
 * a unit's parent department, a person's unit, or the unit of a position (empty for the organisation's).
 */
public final class CsvDirectoryFormat {

    /** The media type of the CSV format. */
    public static final String MEDIA_TYPE = "text/csv";
    /** The columns, in the order the export writes them. */
    public static final List<String> COLUMNS = List.of("type", "id", "unit", "position", "kind", "name_ja",
            "name_en", "email", "locale", "valid_from", "valid_until");

    private static final char BOM = '\uFEFF';

    private CsvDirectoryFormat() {
    }

    /** Reads a CSV import; rows it cannot place are listed in {@link DirectoryRows#unreadable}. */
    public static DirectoryRows read(String text) {
        DirectoryRows rows = new DirectoryRows();
        List<Record> records = parse(text.isEmpty() || text.charAt(0) != BOM ? text : text.substring(1), rows);
        if (records.isEmpty()) {
            rows.unreadable.add(new Invalid("header", 1, new Text("見出し行がありません。", "There is no header line.")));
            return rows;
        }
        Record header = records.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.values().size(); i++) {
            String name = header.values().get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                rows.unreadable.add(new Invalid(name, header.line(), new Text("不明な列 " + name + " があります。",
                        "Unknown column " + name + ".")));
            }
            column.put(name, i);
        }
        for (String required : List.of("type", "id")) {
            if (!column.containsKey(required)) {
                rows.unreadable.add(new Invalid(required, header.line(), new Text("列 " + required + " がありません。",
                        "Column " + required + " is missing.")));
            }
        }
        if (!rows.unreadable.isEmpty()) {
            return rows;
        }
        for (Record record : records.subList(1, records.size())) {
            Row row = new Row(record, column);
            String type = row.get("type").toLowerCase(Locale.ROOT);
            switch (type) {
                case "unit" -> rows.units.add(new DirectoryRows.UnitRow(record.line(), row.get("id"), row.get("kind"),
                        row.get("unit"), row.get("name_ja"), row.get("name_en")));
                case "person" -> rows.people.add(new DirectoryRows.PersonRow(record.line(), row.get("id"),
                        row.get("name_ja"), row.get("email"), row.get("locale"), row.get("unit")));
                case "position" -> rows.positions.add(new DirectoryRows.PositionRow(record.line(), row.get("position"),
                        row.get("unit"), row.get("id")));
                case "deputy" -> rows.deputies.add(new DirectoryRows.DeputyRow(record.line(), row.get("position"),
                        row.get("unit"), row.get("id"), row.get("valid_from"), row.get("valid_until")));
                default -> rows.unreadable.add(new Invalid("type", record.line(), new Text(
                        "type '" + type + "' は unit・person・position・deputy のいずれかです。",
                        "type '" + type + "' is one of unit, person, position, deputy.")));
            }
        }
        return rows;
    }

    /** Writes rows (header first); values with commas, quotes or line breaks are quoted. */
    public static String write(List<Map<String, String>> rows) {
        StringBuilder out = new StringBuilder().append(BOM);
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (Map<String, String> row : rows) {
            List<String> values = new ArrayList<>();
            for (String name : COLUMNS) {
                values.add(quote(row.getOrDefault(name, "")));
            }
            out.append(String.join(",", values)).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** A record and the line it starts on (1-based). */
    private record Record(int line, List<String> values) {
    }

    private record Row(Record record, Map<String, Integer> column) {

        String get(String name) {
            Integer index = column.get(name);
            if (index == null || index >= record.values().size()) {
                return "";
            }
            return record.values().get(index).trim();
        }
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<Record> parse(String text, DirectoryRows rows) {
        List<Record> records = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean atRecordStart = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (atRecordStart && !quoted && c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                i++;
                line++;
                recordLine = line;
                continue;
            }
            atRecordStart = false;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    value.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && value.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                values.add(value.toString());
                value.setLength(0);
                addIfNotBlank(records, recordLine, values);
                values = new ArrayList<>();
                line++;
                recordLine = line;
                atRecordStart = true;
            } else {
                value.append(c);
            }
            i++;
        }
        if (quoted) {
            rows.unreadable.add(new Invalid("csv", recordLine, new Text("引用符が閉じていません。",
                    "A quoted value is not closed.")));
        }
        if (!value.isEmpty() || !values.isEmpty()) {
            values.add(value.toString());
            addIfNotBlank(records, recordLine, values);
        }
        return records;
    }

    private static void addIfNotBlank(List<Record> records, int line, List<String> values) {
        if (values.stream().anyMatch(v -> !v.isBlank())) {
            records.add(new Record(line, values));
        }
    }
}
