package jp.horenso.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.horenso.platform.problem.CorrelationIds;
import jp.horenso.platform.problem.Languages;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.Problem;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses a request body beyond the service's limit with a 413 problem+json (Japanese, English by
 * {@code Accept-Language}), before any of it is used. A body that declares its length is refused before it is sent
 * ({@code Expect: 100-continue} gets the 413 at once). A body sent in chunks without a length is read here, up to
 * the limit, and handed on already read; the chunk that crosses the limit gets the 413 and the connection is
 * closed. Quarkus' own check ({@code quarkus.http.limits.max-body-size}) runs after this one and only answers an
 * empty 413 if its ceiling is set below the service's limits (a warning at start says so).
 *
 * <p>Routes with a larger limit (evidence uploads) are named in {@code horenso.http.large-bodies.*}.
 */
@ApplicationScoped
public class RequestBodyLimits {

    private static final Logger LOG = Logger.getLogger(RequestBodyLimits.class);
    private static final String CEILING = "quarkus.http.limits.max-body-size";
    /** Quarkus' own limit runs at order -2 ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}); this one first. */
    static final int ORDER = -3;

    private record Limit(String method, Pattern path, long bytes, String problem) {}

    private final Limit standard;
    private final List<Limit> large;
    private final ObjectMapper mapper;

    public RequestBodyLimits(HttpConfig config, Config all, ObjectMapper mapper) {
        this.standard = new Limit(null, null, config.maxBodySize().asLongValue(), "body.too-large");
        this.large = config.largeBodies().values().stream()
                .map(body -> new Limit(
                        body.method(),
                        Pattern.compile(body.path()),
                        body.maxSize().asLongValue(),
                        body.problem()))
                .toList();
        this.mapper = mapper;
        long highest = large.stream().mapToLong(Limit::bytes).max().orElse(0L);
        Optional<MemorySize> ceiling = all.getOptionalValue(CEILING, MemorySize.class);
        if (ceiling.isPresent() && ceiling.get().asLongValue() <= Math.max(standard.bytes(), highest)) {
            LOG.warnf(
                    "%s (%d) should exceed the service's body limits (horenso.http.*, up to %d): larger bodies are "
                            + "otherwise refused with an empty 413 instead of a problem+json",
                    CEILING, ceiling.get().asLongValue(), Math.max(standard.bytes(), highest));
        }
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private Limit limitOf(HttpServerRequest request) {
        String method = request.method().name();
        String path = request.path();
        for (Limit limit : large) {
            if (limit.method().equalsIgnoreCase(method)
                    && limit.path().matcher(path).matches()) {
                return limit;
            }
        }
        return standard;
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        Limit limit = limitOf(request);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit.bytes()) {
                refuse(ctx, limit);
            } else {
                ctx.next();
            }
            return;
        }
        String encoding = request.getHeader(HttpHeaderNames.TRANSFER_ENCODING);
        if (encoding == null || request.isEnded()) {
            ctx.next();
            return;
        }
        readChunked(ctx, limit);
    }

    /** Reads a body sent without a length up to the limit, then hands the request on with the body read. */
    private void readChunked(RoutingContext ctx, Limit limit) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit.bytes()) {
                refused[0] = true;
                refuse(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                // What Vert.x' BodyHandler does: RESTEasy Reactive then reads the body from the routing context.
                ((RoutingContextInternal) ctx).setBody(body);
                ctx.next();
            }
        });
        request.exceptionHandler(ctx::fail);
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            // The client waits for our word before it sends the body.
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private void refuse(RoutingContext ctx, Limit limit) {
        HttpServerRequest request = ctx.request();
        Locale locale = Languages.of(request.getHeader(HttpHeaderNames.ACCEPT_LANGUAGE));
        // Before JAX-RS, so its filter has not run: the same rule, applied here.
        String correlationId = CorrelationIds.accept(request.getHeader(CorrelationIds.HEADER));
        Problem problem = new Problem(
                Problem.TYPE_BASE + limit.problem(),
                Message.key("title.413").in(locale),
                413,
                Message.key(limit.problem(), limit.bytes()).in(locale),
                request.path(),
                null,
                correlationId);
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread rest of the body stays on the connection: close it, as Quarkus does for its own limit.
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(CorrelationIds.HEADER, correlationId)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(json);
    }
}
