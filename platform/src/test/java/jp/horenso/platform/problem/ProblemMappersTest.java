package jp.horenso.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mappers every service shares, called directly (each service's ProblemResponsesTest calls them over HTTP). */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    record Chain(String name, List<String> onTimeout) {}

    @Test
    void anUnexpectedFailureIsA500ProblemNamingTheCorrelationIdNeverTheInternals() {
        ContainerRequestContext request = request("GET", "/api/things");
        Response response = mappers.unexpected(new IllegalStateException("secret table name"), headers("en"), request);
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertNotNull(problem.correlationId());
        assertEquals(problem.correlationId(), response.getHeaderString(CorrelationIds.HEADER));
        assertTrue(problem.detail().contains(problem.correlationId()), problem.detail());
        assertFalse(problem.detail().contains("secret"), problem.detail());
        assertEquals("The server ran into a problem", problem.title());
        assertEquals(
                "サーバーで問題が発生しました",
                ((Problem) mappers.unexpected(new IllegalStateException(), headers(null), request)
                                .getEntity())
                        .title());
    }

    @Test
    void jaxRsAndPersistenceFailuresBecomeTheirStatusInJapaneseByDefault() {
        ContainerRequestContext request = request("PATCH", "/api/things");
        assertEquals(
                405,
                mappers.web(new NotAllowedException("GET"), headers(null), request)
                        .getStatus());
        Response unsupported = mappers.web(new NotSupportedException(), headers(null), request);
        assertEquals(415, unsupported.getStatus());
        assertEquals("この形式は受け付けません", ((Problem) unsupported.getEntity()).title());
        Response stale = mappers.stale(new OptimisticLockException(), headers("en"), request);
        assertEquals(412, stale.getStatus());
        assertEquals(Problem.TYPE_BASE + "precondition-failed", ((Problem) stale.getEntity()).type());
    }

    @Test
    void strictJsonRefusesUnknownFieldsAndControlCharactersNamingTheField() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        UnrecognizedPropertyException unknown = assertThrows(
                UnrecognizedPropertyException.class,
                () -> mapper.readValue("{\"name\":\"x\",\"onTimout\":[]}", Chain.class));
        Problem problem = (Problem) mappers.mapping(unknown, headers("en"), request("PUT", "/api/chain"))
                .getEntity();
        assertEquals(400, problem.status());
        assertEquals("onTimout", problem.errors().get(0).field());

        ControlCharacterException control = assertThrows(
                ControlCharacterException.class,
                () -> mapper.readValue("{\"name\":\"a\\u0000b\",\"onTimeout\":[]}", Chain.class));
        Problem refused = (Problem) mappers.mapping(control, headers(null), request("PUT", "/api/chain"))
                .getEntity();
        assertEquals("name", refused.errors().get(0).field());
        assertEquals("文字列に制御文字は使えません。", refused.errors().get(0).message());
        assertInstanceOf(Chain.class, mapper.readValue("{\"name\":\"改行\\nとタブ\\tは可\",\"onTimeout\":[]}", Chain.class));
    }

    private static HttpHeaders headers(String language) {
        return (HttpHeaders) Proxy.newProxyInstance(
                HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAcceptableLanguages" ->
                        language == null ? List.of() : List.of(Locale.forLanguageTag(language));
                    default -> null;
                });
    }

    private static ContainerRequestContext request(String httpMethod, String path) {
        Map<String, Object> properties = new HashMap<>();
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> "getPath".equals(method.getName()) ? path : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(
                ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> httpMethod;
                    case "getUriInfo" -> uri;
                    case "getProperty" -> properties.get((String) args[0]);
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    default -> null;
                });
    }
}
