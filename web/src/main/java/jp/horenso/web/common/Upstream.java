package jp.horenso.web.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's answer as plain JSON values (maps and lists, which the templates read directly), or turns an
 * error answer into an {@link UpstreamException} carrying its problem+json.
 */
public final class Upstream {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private Upstream() {}

    public static Map<String, Object> object(Response response) {
        return read(response, new TypeReference<Map<String, Object>>() {});
    }

    public static List<Map<String, Object>> list(Response response) {
        return read(response, new TypeReference<List<Map<String, Object>>>() {});
    }

    /** The answer's body when it succeeded; empty map for 204. */
    public static <T> T read(Response response, TypeReference<T> type) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() >= 400) {
                throw new UpstreamException(response.getStatus(), problem(body), response.getHeaderString("ETag"));
            }
            if (body == null || body.isBlank()) {
                return JSON.convertValue(Map.of(), type);
            }
            return JSON.readValue(body, type);
        } catch (UpstreamException e) {
            throw e;
        } catch (Exception e) {
            throw new UpstreamException(502, Map.of("detail", String.valueOf(e.getMessage())), null);
        }
    }

    /** Fails with the problem when the answer is an error; otherwise only closes it. */
    public static void ok(Response response) {
        read(response, new TypeReference<Map<String, Object>>() {});
    }

    static Map<String, Object> problem(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (Exception e) {
            return Map.of("detail", body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
