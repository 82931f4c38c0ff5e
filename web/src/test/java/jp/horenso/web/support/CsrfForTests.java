package jp.horenso.web.support;

import io.quarkus.arc.Arc;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.Set;
import jp.horenso.web.http.CsrfTokens;

/**
 * Makes every changing request of the page tests look like a page's own: the browser session's CSRF cookie and its
 * token, as a browser that loaded the form sends them. Installed for all tests by {@link Tokens}; {@code
 * CsrfGuardTest} switches it off ({@code noFiltersOfType(CsrfForTests.class)}) to prove the guard itself.
 */
public final class CsrfForTests implements Filter {

    /** The test browser's session nonce. */
    public static final String NONCE = "test-browser-session";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** The token that goes with {@link #NONCE}. */
    public static String token() {
        return Arc.container().instance(CsrfTokens.class).get().tokenFor(NONCE);
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        if (!SAFE.contains(request.getMethod().toUpperCase(java.util.Locale.ROOT))
                && !request.getHeaders().hasHeaderWithName(CsrfTokens.HEADER)) {
            request.cookie(CsrfTokens.COOKIE, NONCE);
            request.header(CsrfTokens.HEADER, token());
        }
        return ctx.next(request, response);
    }
}
