package jp.horenso.incident.timeline.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV export (RFC 4180, CRLF) that a spreadsheet opens as text: a cell that would start a formula
 * ({@code = + - @}, tab, carriage return) gets a leading apostrophe, so that {@code =HYPERLINK(…)} typed into a case
 * is shown, never run (CSV injection, OWASP).
 */
public final class CsvExport {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvExport() {}

    /** The header and the rows, each cell neutralised; null cells are written empty. */
    public static String write(List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord(header.stream().map(CsvExport::neutralise).toList());
            for (List<?> row : rows) {
                printer.printRecord(row.stream()
                        .map(v -> v == null ? "" : neutralise(v.toString()))
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The cell as a spreadsheet should show it: a leading apostrophe before anything that would start a formula. */
    static String neutralise(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
