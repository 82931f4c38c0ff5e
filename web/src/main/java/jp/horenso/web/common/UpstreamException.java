package jp.horenso.web.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service refused or failed a call: its status and problem+json (RFC 9457), already in the person's language. */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final Map<String, Object> problem;
    private final String etag;

    public UpstreamException(int status, Map<String, Object> problem, String etag) {
        super("upstream answered " + status + ": " + problem);
        this.status = status;
        this.problem = problem;
        this.etag = etag;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> problem() {
        return problem;
    }

    public String etag() {
        return etag;
    }

    public String detail() {
        Object d = problem.get("detail");
        Object t = problem.get("title");
        return d != null ? d.toString() : t != null ? t.toString() : "";
    }

    /**
     * The messages per field, keyed by the field's last name ({@code informant.name} → both
     * {@code informant.name} and {@code name}), so that a form shows each next to its input.
     */
    public Map<String, String> fieldErrors() {
        Map<String, String> byField = new LinkedHashMap<>();
        Object errors = problem.get("errors");
        if (errors instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> e && e.get("field") != null) {
                    String field = e.get("field").toString();
                    String message = String.valueOf(e.get("message"));
                    byField.merge(field, message, (a, b) -> a + " " + b);
                    String last = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
                    byField.putIfAbsent(last, message);
                }
            }
        }
        return byField;
    }
}
