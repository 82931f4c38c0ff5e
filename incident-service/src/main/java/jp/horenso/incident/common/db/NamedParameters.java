package jp.horenso.incident.common.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A statement with named parameters ({@code :name}) turned into JDBC's positional ones, as Hibernate's native queries
 * take them: a collection becomes one placeholder per element; {@code ::} (a cast) and anything inside quotes is left
 * alone; an enum is bound as its name.
 */
record NamedParameters(String sql, List<Object> values) {

    static NamedParameters of(String sql, Map<String, ?> params) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Object> values = new ArrayList<>();
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in: " + sql);
                }
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                if (!params.containsKey(name)) {
                    throw new IllegalArgumentException("no value for parameter :" + name);
                }
                Object value = params.get(name);
                if (value instanceof Collection<?> many) {
                    if (many.isEmpty()) {
                        throw new IllegalArgumentException("an empty list for :" + name);
                    }
                    out.append(String.join(", ", java.util.Collections.nCopies(many.size(), "?")));
                    values.addAll(many);
                } else {
                    out.append('?');
                    values.add(value);
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return new NamedParameters(out.toString(), values);
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Enum<?> e) {
                statement.setString(i + 1, e.name());
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
