package jp.horenso.platform.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV a service exports: RFC 4180 through Apache Commons CSV, CRLF, optionally with a UTF-8 BOM for Excel, and
 * formula cells neutralised — a spreadsheet opening the file must show {@code =HYPERLINK(…)} as text, never run it
 * (CSV injection). A cell starting with {@code = + - @}, TAB or CR gets a leading apostrophe; so does one that
 * starts with apostrophes before such a character, so that {@link #restore} makes an import of the export lossless.
 */
public final class SafeCsv {

    /** The byte order mark Excel needs to read UTF-8. */
    public static final String BOM = "\uFEFF";
    /** RFC 4180 with CRLF line ends. */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SafeCsv() {}

    /** The header and the rows, each cell neutralised; null cells are written empty. */
    public static String write(List<String> header, List<? extends List<?>> rows, boolean withBom) {
        StringBuilder out = new StringBuilder(withBom ? BOM : "");
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(neutralised(header));
            for (List<?> row : rows) {
                printer.printRecord(neutralised(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The cell as a spreadsheet must show it, never run it. */
    public static String neutralise(String cell) {
        if (cell == null) {
            return "";
        }
        return looksLikeFormula(cell) ? "'" + cell : cell;
    }

    /** The cell as it was before {@link #neutralise}: the apostrophe the export added is stripped again. */
    public static String restore(String cell) {
        return cell.startsWith("'") && looksLikeFormula(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static List<String> neutralised(List<?> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            out.add(neutralise(cell == null ? null : cell.toString()));
        }
        return out;
    }

    /** A formula start, possibly behind apostrophes. */
    private static boolean looksLikeFormula(String cell) {
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0;
    }
}
