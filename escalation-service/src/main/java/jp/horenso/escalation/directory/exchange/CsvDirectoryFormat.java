package jp.horenso.escalation.directory.exchange;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.horenso.platform.csv.SafeCsv;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The directory as one CSV sheet (RFC 4180, UTF-8, as Excel writes it; read and written by Apache Commons CSV): a
 * header, then one row per unit, person, position or deputy, told apart by the {@code type} column. Lines starting
 * with {@code #} are comments.
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
 * <p>
 * Formula cells are neutralised: a spreadsheet opening the export must not run a name such as
 * {@code =HYPERLINK(...)} (CSV injection, OWASP). A value starting with {@code = + - @}, a tab or a carriage return
 * is written with a leading apostrophe, which the import strips again, so export → import is lossless.
 */
public final class CsvDirectoryFormat {

    /** The media type of the CSV format. */
    public static final String MEDIA_TYPE = "text/csv";
    /** The columns, in the order the export writes them. */
    public static final List<String> COLUMNS = List.of(
            "type",
            "id",
            "unit",
            "position",
            "kind",
            "name_ja",
            "name_en",
            "email",
            "locale",
            "valid_from",
            "valid_until");

    private static final char BOM = '\uFEFF';
    private static final CSVFormat WRITE = CSVFormat.RFC4180;
    private static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .get();

    private CsvDirectoryFormat() {}

    /** Reads a CSV import; rows it cannot place are listed in {@link DirectoryRows#unreadable}. */
    public static DirectoryRows read(String text) {
        DirectoryRows rows = new DirectoryRows();
        List<Line> records = parse(text.isEmpty() || text.charAt(0) != BOM ? text : text.substring(1), rows);
        if (records.isEmpty()) {
            if (rows.unreadable.isEmpty()) {
                rows.unreadable.add(
                        new FieldProblem("header", 1, Message.text("見出し行がありません。", "There is no header line.")));
            }
            return rows;
        }
        Line header = records.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.values().size(); i++) {
            String name = header.values().get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                rows.unreadable.add(new FieldProblem(
                        name, header.line(), Message.text("不明な列 " + name + " があります。", "Unknown column " + name + ".")));
            }
            column.put(name, i);
        }
        for (String required : List.of("type", "id")) {
            if (!column.containsKey(required)) {
                rows.unreadable.add(new FieldProblem(
                        required,
                        header.line(),
                        Message.text("列 " + required + " がありません。", "Column " + required + " is missing.")));
            }
        }
        if (!rows.unreadable.isEmpty()) {
            return rows;
        }
        for (Line record : records.subList(1, records.size())) {
            Row row = new Row(record, column);
            String type = row.get("type").toLowerCase(Locale.ROOT);
            switch (type) {
                case "unit" ->
                    rows.units.add(new DirectoryRows.UnitRow(
                            record.line(),
                            row.get("id"),
                            row.get("kind"),
                            row.get("unit"),
                            row.get("name_ja"),
                            row.get("name_en")));
                case "person" ->
                    rows.people.add(new DirectoryRows.PersonRow(
                            record.line(),
                            row.get("id"),
                            row.get("name_ja"),
                            row.get("email"),
                            row.get("locale"),
                            row.get("unit")));
                case "position" ->
                    rows.positions.add(new DirectoryRows.PositionRow(
                            record.line(), row.get("position"), row.get("unit"), row.get("id")));
                case "deputy" ->
                    rows.deputies.add(new DirectoryRows.DeputyRow(
                            record.line(),
                            row.get("position"),
                            row.get("unit"),
                            row.get("id"),
                            row.get("valid_from"),
                            row.get("valid_until")));
                default ->
                    rows.unreadable.add(new FieldProblem(
                            "type",
                            record.line(),
                            Message.text(
                                    "type '" + type + "' は unit・person・position・deputy のいずれかです。",
                                    "type '" + type + "' is one of unit, person, position, deputy.")));
            }
        }
        return rows;
    }

    /** Writes rows (header first, CRLF, UTF-8 BOM for Excel), formula cells neutralised. */
    public static String write(List<Map<String, String>> rows) {
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            printer.printRecord(COLUMNS);
            for (Map<String, String> row : rows) {
                List<String> values = new ArrayList<>();
                for (String name : COLUMNS) {
                    values.add(SafeCsv.neutralise(row.getOrDefault(name, "")));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A record and the line it starts on (1-based). */
    private record Line(int line, List<String> values) {}

    private record Row(Line record, Map<String, Integer> column) {

        String get(String name) {
            Integer index = column.get(name);
            if (index == null || index >= record.values().size()) {
                return "";
            }
            return SafeCsv.restore(record.values().get(index).trim());
        }
    }

    /** Every non-blank record with the line it starts on; an unreadable record ends the reading with its line. */
    private static List<Line> parse(String text, DirectoryRows rows) {
        Lines lines = new Lines(text);
        List<Line> records = new ArrayList<>();
        int nextLine = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ)) {
            for (CSVRecord record : parser) {
                List<String> values = record.toList();
                int line = lines.contentFrom(lines.lineOf(record.getCharacterPosition()));
                nextLine = line + values.stream().mapToInt(Lines::breaks).sum() + 1;
                if (values.stream().anyMatch(v -> !v.isBlank())) {
                    records.add(new Line(line, values));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            int line = lines.contentFrom(nextLine);
            rows.unreadable.add(
                    message.contains("EOF")
                            ? new FieldProblem(
                                    "csv", line, Message.text("引用符が閉じていません。", "A quoted value is not closed."))
                            : new FieldProblem(
                                    "csv",
                                    line,
                                    Message.text(
                                            "この行は CSV として読めません（引用符の後に文字があります）。",
                                            "This line is not readable as CSV (characters after a closing quote).")));
        }
        return records;
    }

    /** Line numbers of a text by character position. */
    private static final class Lines {

        private final String text;
        private final List<Integer> starts = new ArrayList<>();

        Lines(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
        }

        /** The 1-based line of a character position. */
        int lineOf(long position) {
            int found = Collections.binarySearch(starts, (int) position);
            return found >= 0 ? found + 1 : -found - 1;
        }

        /** The first line from {@code line} on that is neither blank nor a comment (a record starts there). */
        int contentFrom(int line) {
            int current = line;
            while (current <= starts.size()) {
                String content = line(current);
                if (!content.isBlank() && !content.startsWith("#")) {
                    return current;
                }
                current++;
            }
            return line;
        }

        private String line(int line) {
            int start = starts.get(line - 1);
            int end = line < starts.size() ? starts.get(line) : text.length();
            return text.substring(start, end);
        }

        static int breaks(String value) {
            return (int) value.chars().filter(c -> c == '\n').count();
        }
    }
}
