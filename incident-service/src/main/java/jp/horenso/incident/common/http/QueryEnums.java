package jp.horenso.incident.common.http;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;

/**
 * Reads an enum from a query parameter. JAX-RS answers 404 to a query value it cannot convert; a filter with a
 * wrong value is a bad request, so it is read here and reported as 400 naming the parameter.
 */
public final class QueryEnums {

    private QueryEnums() {}

    /** The constant named by {@code value}, null when the parameter is absent or blank. */
    public static <E extends Enum<E>> E parse(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.invalidFields(List.of(FieldProblem.of(parameter, "field.enum", allowed)));
        }
    }
}
