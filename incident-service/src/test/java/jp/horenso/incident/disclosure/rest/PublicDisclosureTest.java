package jp.horenso.incident.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublicDisclosureTest {

    @Test
    void publicEndpointListsOnlyPublished() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String realCase = Reports.file(Tokens.staff1());
        String published = DisclosureFixtures.published(realCase, "公表済み " + marker, "公表した本文です。");

        // Approved but never published.
        String unpublishedCase = Reports.file(Tokens.staff1());
        DisclosureFixtures.decide(Tokens.ciso(), unpublishedCase, "PERIODIC_BULK_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(
                        Tokens.csirt1(), unpublishedCase, DisclosureFixtures.text("未公表 " + marker, "承認済みだが未公表"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), unpublishedCase, 1).then().statusCode(200);
        // Saved but not approved.
        DisclosureFixtures.saveDraft(Tokens.csirt1(), realCase, DisclosureFixtures.text("下書き " + marker, "未承認"))
                .then()
                .statusCode(201);

        // A drill runs the whole way, publication included, and still never appears.
        Map<String, Object> drillReport = Reports.valid();
        drillReport.put("drill", true);
        String drillCase = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(drillReport)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        DisclosureFixtures.decide(Tokens.ciso(), drillCase, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), drillCase, DisclosureFixtures.text("訓練 " + marker, "訓練の公表文"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), drillCase, 1).then().statusCode(200);
        Response drillPublication = DisclosureFixtures.publish(Tokens.ciso(), drillCase, 1);
        drillPublication.then().statusCode(201).body("publications[0].drill", equalTo(true));
        assertEquals(null, drillPublication.header("Location"));
        String drillPublicationId = drillPublication.path("publications[0].id");

        // No token at all; the list is the organisation's own (the mixed list of every organisation is gone).
        given().get("/api/public/disclosures").then().statusCode(not(equalTo(200)));
        Response list = given().get("/api/public/organisations/demo-city/disclosures?size=100");
        list.then()
                .statusCode(200)
                .body("items.title.ja", hasItem("公表済み " + marker))
                .body("items.title.ja", not(hasItem("未公表 " + marker)))
                .body("items.title.ja", not(hasItem("下書き " + marker)))
                .body("items.title.ja", not(hasItem("訓練 " + marker)))
                .body("items.organisation", everyItem(equalTo("demo-city")))
                .body("size", equalTo(100));
        String body = list.asString();
        for (String caseId : List.of(realCase, unpublishedCase, drillCase)) {
            assertFalse(body.contains(caseId), "a case id leaked on the public endpoint");
        }
        assertFalse(body.contains("csirt1"), "an author's name leaked on the public endpoint");
        Map<String, Object> item = list.path("items.find { it.title.ja == '公表済み " + marker + "' }");
        assertEquals(
                Set.of(
                        "publicId",
                        "organisation",
                        "method",
                        "methodLabel",
                        "publishedAt",
                        "title",
                        "body",
                        "recurrencePrevention"),
                item.keySet());

        given().get("/api/public/disclosures/" + published)
                .then()
                .statusCode(200)
                .body("title.ja", equalTo("公表済み " + marker))
                .body("body.ja", equalTo("公表した本文です。"));
        given().get("/api/public/disclosures/" + drillPublicationId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/public/disclosures/" + UUID.randomUUID()).then().statusCode(404);
        String orgList = "/api/public/organisations/demo-city/disclosures";
        given().get(orgList + "?size=0").then().statusCode(400).contentType("application/problem+json");
        given().get(orgList + "?size=101").then().statusCode(400);
        given().get(orgList + "?page=-1").then().statusCode(400);
    }

    @Test
    void onlyThePublicEndpointIsOpenWithoutLogin() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> open = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                if (!isEndpoint(m)) {
                    continue;
                }
                boolean roles = m.isAnnotationPresent(RolesAllowed.class)
                        || m.isAnnotationPresent(DenyAll.class)
                        || (!m.isAnnotationPresent(PermitAll.class)
                                && resource.isAnnotationPresent(RolesAllowed.class));
                boolean permit = m.isAnnotationPresent(PermitAll.class)
                        || (!m.isAnnotationPresent(RolesAllowed.class)
                                && resource.isAnnotationPresent(PermitAll.class));
                if (!roles && !permit) {
                    problems.add(resource.getSimpleName() + "." + m.getName() + " states no roles");
                }
                if (permit) {
                    open.add(resource.getSimpleName() + "." + m.getName());
                    if (!base.startsWith("/api/public/")) {
                        problems.add(resource.getSimpleName() + "." + m.getName() + " is open outside /api/public");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(
                Set.of(
                        "PublicDisclosureResource.one",
                        "PublicOrganisationDisclosureResource.list",
                        "PublicOrganisationDisclosureResource.one"),
                open);

        String id = Reports.file(Tokens.staff1());
        for (String path : List.of(
                "/api/incidents/" + id,
                "/api/incidents/" + id + "/disclosure",
                "/api/incidents/" + id + "/ciso-reports",
                "/api/incidents/" + id + "/review")) {
            given().get(path).then().statusCode(401);
        }
    }

    private static boolean isEndpoint(Method m) {
        return Stream.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)
                .anyMatch(m::isAnnotationPresent);
    }

    /** Every JAX-RS resource class of the service, found in the compiled classes. */
    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("jp/horenso/incident"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")
                            && !f.getFileName().toString().contains("$"))
                    .toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PublicDisclosureTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        }
        assertTrue(found.size() >= 8, "resource classes found: " + found);
        return found;
    }
}
