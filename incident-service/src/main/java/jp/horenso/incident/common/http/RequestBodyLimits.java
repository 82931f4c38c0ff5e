package jp.horenso.incident.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.horenso.incident.evidence.config.EvidenceConfig;
import jp.horenso.platform.problem.CorrelationIds;
import jp.horenso.platform.problem.Languages;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.Problem;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses a request body that is declared too large before any of it is read, with a 413 problem+json. Evidence
 * uploads may be as large as {@code horenso.evidence.max-size}; every other request keeps the small
 * {@code horenso.http.max-body-size}. Runs before Quarkus' own check of {@code quarkus.http.limits.max-body-size},
 * which answers with an empty 413 and is left as the hard ceiling for bodies sent without a length.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The one route that takes large bodies. */
    private static final Pattern EVIDENCE_UPLOAD = Pattern.compile("^/api/incidents/[^/]+/evidence/?$");

    private static final Logger LOG = Logger.getLogger(RequestBodyLimits.class);
    /** Quarkus' own hard ceiling, only checked here to warn when it is below the service's limits. */
    private static final String CEILING = "quarkus.http.limits.max-body-size";

    private final long maxBody;
    private final long maxEvidence;
    private final ObjectMapper mapper;

    public RequestBodyLimits(HttpLimitsConfig http, EvidenceConfig evidence, Config config, ObjectMapper mapper) {
        this.maxBody = http.maxBodySize().asLongValue();
        this.maxEvidence = evidence.maxSize().asLongValue();
        this.mapper = mapper;
        Optional<MemorySize> ceiling = config.getOptionalValue(CEILING, MemorySize.class);
        if (ceiling.isPresent() && ceiling.get().asLongValue() <= Math.max(this.maxBody, this.maxEvidence)) {
            LOG.warnf(
                    "quarkus.http.limits.max-body-size (%d) should exceed horenso.evidence.max-size (%d) and "
                            + "horenso.http.max-body-size (%d): bodies sent without a length are otherwise refused with an "
                            + "empty 413 instead of a problem+json",
                    ceiling.get().asLongValue(), this.maxEvidence, this.maxBody);
        }
    }

    void install(@Observes Router router) {
        // Quarkus' own limit runs at order -2; this one must answer first.
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        boolean evidence = ctx.request().method() == HttpMethod.POST
                && EVIDENCE_UPLOAD.matcher(ctx.request().path()).matches();
        long limit = evidence ? maxEvidence : maxBody;
        if (length <= limit) {
            ctx.next();
            return;
        }
        Locale locale = Languages.of(ctx.request().getHeader(HttpHeaderNames.ACCEPT_LANGUAGE));
        String key = evidence ? "evidence.too-large" : "body.too-large";
        // Before JAX-RS, so the filter has not run: the same rule, applied here.
        String correlationId = CorrelationIds.accept(ctx.request().getHeader(CorrelationIds.HEADER));
        Problem problem = new Problem(
                Problem.TYPE_BASE + key,
                Message.key("title.413").in(locale),
                413,
                Message.key(key, limit).in(locale),
                ctx.request().path(),
                null,
                correlationId);
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread body stays on the connection: close it, as Quarkus does for its own limit.
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(CorrelationIds.HEADER, correlationId)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(json);
    }
}
