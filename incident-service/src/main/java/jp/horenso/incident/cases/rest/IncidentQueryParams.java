package jp.horenso.incident.cases.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.IncidentQuery;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;

/** The filters of the list, count and statistics endpoints, read leniently and checked all at once. */
public class IncidentQueryParams {

    private static final List<String> SORTS = List.of("reportedAt", "-reportedAt", "number", "-number", "-severity");

    /** Comma-separated states, e.g. {@code REPORTED,UNDER_CISO_REVIEW}. */
    @QueryParam("state")
    String state;

    /** Comma-separated severities. */
    @QueryParam("severity")
    String severity;

    @QueryParam("kind")
    String kind;

    /** Section code. */
    @QueryParam("unit")
    String unit;

    /** Reported at or after (ISO 8601 with offset). */
    @QueryParam("from")
    String from;

    /** Reported before. */
    @QueryParam("to")
    String to;

    /** Cases whose next legal report is due before this time. */
    @QueryParam("legalDueBefore")
    String legalDueBefore;

    /** Words (space separated, full-width spaces too) that must all appear in title or description. */
    @QueryParam("q")
    String q;

    @QueryParam("drill")
    String drill;

    @QueryParam("page")
    @DefaultValue("0")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    String size;

    @QueryParam("sort")
    @DefaultValue("-reportedAt")
    String sort;

    /** The query, or every bad parameter at once as a 400 problem. */
    public IncidentQuery toQuery() {
        List<FieldProblem> invalid = new ArrayList<>();
        IncidentQuery query = new IncidentQuery(
                list("state", state, IncidentState::valueOf, IncidentState.values(), invalid),
                list("severity", severity, Severity::valueOf, Severity.values(), invalid),
                list("kind", kind, IncidentKind::valueOf, IncidentKind.values(), invalid),
                unit == null || unit.isBlank() ? null : checkLength("unit", unit.strip(), 100, invalid),
                time("from", from, invalid),
                time("to", to, invalid),
                time("legalDueBefore", legalDueBefore, invalid),
                words(q, invalid),
                bool("drill", drill, invalid));
        pageNumber(invalid);
        pageSize(invalid);
        if (!SORTS.contains(sort)) {
            invalid.add(FieldProblem.of("sort", "field.enum", String.join(", ", SORTS)));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        return query;
    }

    public int pageNumber() {
        return pageNumber(new ArrayList<>());
    }

    public int pageSize() {
        return pageSize(new ArrayList<>());
    }

    public String sort() {
        return sort;
    }

    private int pageNumber(List<FieldProblem> invalid) {
        return integer("page", page, 0, 100_000, invalid);
    }

    private int pageSize(List<FieldProblem> invalid) {
        return integer("size", size, 1, 100, invalid);
    }

    /** An integer query parameter within [min, max]; a bad one is added to {@code invalid}. */
    public static int integer(String field, String value, int min, int max, List<FieldProblem> invalid) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        invalid.add(FieldProblem.of(field, "field.range", min, max));
        return min;
    }

    /** A comma-separated list of enum constants; a bad one is added to {@code invalid}. */
    public static <E extends Enum<E>> List<E> list(
            String field, String value, Function<String, E> parse, E[] all, List<FieldProblem> invalid) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<E> result = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                result.add(parse.apply(part.strip()));
            } catch (IllegalArgumentException e) {
                invalid.add(FieldProblem.of(
                        field, "field.enum", Arrays.stream(all).map(Enum::name).collect(Collectors.joining(", "))));
                return List.of();
            }
        }
        return result;
    }

    private static OffsetDateTime time(String field, String value, List<FieldProblem> invalid) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            invalid.add(FieldProblem.of(field, "field.datetime"));
            return null;
        }
    }

    private static Boolean bool(String field, String value, List<FieldProblem> invalid) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        invalid.add(FieldProblem.of(field, "field.enum", "true, false"));
        return null;
    }

    /** The search words of {@code q} (the module's Japanese search: split on any white space, full width too). */
    public static List<String> words(String value, List<FieldProblem> invalid) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            invalid.add(FieldProblem.of("q", "field.too-long", 200));
            return null;
        }
        List<String> words = Arrays.stream(value.split("[\\s\\u3000]+"))
                .filter(w -> !w.isBlank())
                .toList();
        if (words.size() > 10) {
            invalid.add(FieldProblem.of("q", "field.too-many-words", 10));
            return null;
        }
        return words;
    }

    private static String checkLength(String field, String value, int max, List<FieldProblem> invalid) {
        if (value.length() > max) {
            invalid.add(FieldProblem.of(field, "field.too-long", max));
        }
        return value;
    }
}
