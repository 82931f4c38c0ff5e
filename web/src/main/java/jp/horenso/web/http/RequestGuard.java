package jp.horenso.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.web.common.Lang;
import jp.horenso.web.common.Texts;
import org.jboss.logging.Logger;

/**
 * Guards every request that changes something (POST, PUT, PATCH, DELETE) before any page code sees it:
 *
 * <ol>
 *   <li>its body may be at most {@code horenso.web.http.max-body-size} (evidence uploads: their own limit) — a larger
 *       one is refused with 413 before it is sent when its length is declared, or when the chunk that crosses the
 *       limit arrives when it is sent without a length;
 *   <li>it must come from the console's own pages ({@code Sec-Fetch-Site}, else {@code Origin}) and carry the
 *       browser session's CSRF token ({@link CsrfTokens}) in the form field or the htmx header — otherwise 403, and
 *       nothing is called.
 * </ol>
 *
 * A browser asking for a page gets a short page in Japanese and English; any other caller a problem+json in the
 * person's language (the console's language cookie, else {@code Accept-Language}; Japanese by default). The body,
 * read here, is handed on to the pages already read.
 */
@ApplicationScoped
public class RequestGuard {

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Before Quarkus' own body limit (order -2), which answers an empty 413. */
    static final int ORDER = -3;

    private static final String PROBLEMS = "https://horenso.example.jp/problems/";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private record Limit(Pattern path, long bytes) {}

    private final long maxBody;
    private final List<Limit> large;
    private final List<String> exempt;
    private final CsrfTokens tokens;
    private final ObjectMapper mapper;
    private final Template refused;

    public RequestGuard(
            WebHttpConfig config, CsrfTokens tokens, ObjectMapper mapper, @Location("refused.html") Template refused) {
        this.maxBody = config.maxBodySize().asLongValue();
        this.large = config.largeBodies().values().stream()
                .map(body ->
                        new Limit(Pattern.compile(body.path()), body.maxSize().asLongValue()))
                .toList();
        this.exempt = config.csrfExemptPaths().orElse(List.of());
        this.tokens = tokens;
        this.mapper = mapper;
        this.refused = refused;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private long limitOf(HttpServerRequest request) {
        for (Limit limit : large) {
            if (request.method() == HttpMethod.POST
                    && limit.path().matcher(request.path()).matches()) {
                return limit.bytes();
            }
        }
        return maxBody;
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (SAFE.contains(request.method())) {
            ctx.next();
            return;
        }
        long limit = limitOf(request);
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                tooLarge(ctx, limit);
                return;
            }
        }
        if (ctx.body() != null && ctx.body().available()) {
            check(ctx, ctx.body().buffer());
            return;
        }
        if (request.isEnded()) {
            check(ctx, Buffer.buffer());
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refusedAlready = {false};
        request.handler(chunk -> {
            if (refusedAlready[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refusedAlready[0] = true;
                tooLarge(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!refusedAlready[0]) {
                check(ctx, body);
            }
        });
        request.exceptionHandler(ctx::fail);
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            // The client waits for our word before it sends the body (curl does for anything above 1 KB).
            ctx.response().writeContinue();
        }
        request.resume();
    }

    /** The origin and token checks, on a body read in full. */
    private void check(RoutingContext ctx, Buffer body) {
        HttpServerRequest request = ctx.request();
        String reason = exempt.contains(request.path()) ? null : refusal(ctx, body);
        if (reason != null) {
            LOG.infof("CSRF: refused %s %s (%s)", request.method(), request.path(), reason);
            refuse(ctx, 403, "csrf.refused", "csrf.refused.title", "csrf.refused.text", List.of());
            return;
        }
        // What Vert.x' BodyHandler does: RESTEasy Reactive reads forms and bodies from the routing context.
        ((RoutingContextInternal) ctx).setBody(body);
        ctx.next();
    }

    /** Why the request is not the console's own, or null when it is. */
    private String refusal(RoutingContext ctx, Buffer body) {
        HttpServerRequest request = ctx.request();
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !"same-origin".equalsIgnoreCase(site) && !"none".equalsIgnoreCase(site)) {
            return "Sec-Fetch-Site " + site;
        }
        String origin = request.getHeader(HttpHeaderNames.ORIGIN);
        if (site == null && origin != null && !origin.equalsIgnoreCase(ownOrigin(request))) {
            return "Origin " + origin;
        }
        String token = request.getHeader(CsrfTokens.HEADER);
        if (token == null) {
            token = formField(request.getHeader(HttpHeaderNames.CONTENT_TYPE), body);
        }
        if (token == null) {
            return "no token";
        }
        return tokens.matches(ctx, token) ? null : "wrong token";
    }

    private static String ownOrigin(HttpServerRequest request) {
        return request.scheme() + "://" + request.authority();
    }

    /** The CSRF field of a URL-encoded or multipart form, or null. */
    static String formField(String contentType, Buffer body) {
        if (contentType == null || body.length() == 0) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : body.toString(StandardCharsets.ISO_8859_1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (CsrfTokens.FIELD.equals(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
        if (type.startsWith("multipart/form-data")) {
            Matcher boundary = BOUNDARY.matcher(contentType);
            if (!boundary.find()) {
                return null;
            }
            // Latin-1 keeps every byte as one char: the parts of a form with a file are read as they are.
            String text = body.toString(StandardCharsets.ISO_8859_1);
            String delimiter = "--" + boundary.group(1);
            for (String part : text.split(Pattern.quote(delimiter))) {
                int headEnd = part.indexOf("\r\n\r\n");
                if (headEnd < 0) {
                    continue;
                }
                String head = part.substring(0, headEnd).toLowerCase(Locale.ROOT);
                if (head.contains("content-disposition") && head.contains("name=\"" + CsrfTokens.FIELD + "\"")) {
                    String value = part.substring(headEnd + 4);
                    return value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
                }
            }
        }
        return null;
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        refuse(ctx, 413, "body.too-large", "body.too-large.title", "body.too-large.text", List.of(limit));
    }

    /**
     * Answers before the pages: a page for a browser, a problem+json for anyone else. The connection is closed when
     * an unread body may still be on it.
     */
    private void refuse(
            RoutingContext ctx, int status, String type, String titleKey, String textKey, List<Object> args) {
        HttpServerRequest request = ctx.request();
        String accept = request.getHeader(HttpHeaderNames.ACCEPT);
        boolean browser = accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/html");
        Locale locale = localeOf(request);
        String title = Texts.get(locale, titleKey);
        String text = Texts.format(locale, textKey, args.toArray());
        String correlationId = UUID.randomUUID().toString();
        String body;
        String contentType;
        if (browser) {
            body = refused.data("status", status)
                    .data("ja", Texts.format(Texts.JAPANESE, textKey, args.toArray()))
                    .data("en", Texts.format(Locale.ENGLISH, textKey, args.toArray()))
                    .data("titleJa", Texts.get(Texts.JAPANESE, titleKey))
                    .data("titleEn", Texts.get(Locale.ENGLISH, titleKey))
                    .render();
            contentType = "text/html;charset=UTF-8";
        } else {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", PROBLEMS + type);
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", text);
            problem.put("instance", request.path());
            problem.put("correlationId", correlationId);
            try {
                body = mapper.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            contentType = "application/problem+json";
        }
        var response = ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, contentType)
                .putHeader("X-Correlation-Id", correlationId);
        if (!request.isEnded()) {
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
        }
        response.end(body);
    }

    /** The console's language cookie, else the first of {@code Accept-Language} that we speak; Japanese by default. */
    static Locale localeOf(HttpServerRequest request) {
        io.vertx.core.http.Cookie lang = request.getCookie(Lang.COOKIE);
        if (lang != null) {
            return "en".equals(lang.getValue()) ? Locale.ENGLISH : Texts.JAPANESE;
        }
        String accept = request.getHeader(HttpHeaderNames.ACCEPT_LANGUAGE);
        if (accept != null && !accept.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                    String language = range.getRange().toLowerCase(Locale.ROOT);
                    if (language.startsWith("ja")) {
                        return Texts.JAPANESE;
                    }
                    if (language.startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                }
            } catch (IllegalArgumentException e) {
                return Texts.JAPANESE;
            }
        }
        return Texts.JAPANESE;
    }
}
