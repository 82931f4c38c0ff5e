package jp.horenso.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a plain token, a new one
 * otherwise. It is logged (MDC {@code correlationId}), answered in the same header and named in every problem.
 */
public class CorrelationIds {

    /** The request and response header. */
    public static final String HEADER = "X-Correlation-Id";

    private static final String PROPERTY = "horenso.correlation-id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = accept(given);
        request.setProperty(PROPERTY, id);
        MDC.put("correlationId", id);
    }

    @ServerResponseFilter
    public void answer(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HEADER)) {
            response.getHeaders().putSingle(HEADER, of(request));
        }
        MDC.remove("correlationId");
    }

    /** The caller's id when it is a plain token (letters, digits, {@code ._-}, at most 64), a new one otherwise. */
    public static String accept(String given) {
        return given != null && ACCEPTED.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** The correlation id of {@code request}, assigned now if the filter has not run yet. */
    public static String of(ContainerRequestContext request) {
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.setProperty(PROPERTY, id);
        }
        return id.toString();
    }
}
