package jp.horenso.publicsite.disclosure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each organisation's disclosures on their own pages, never a mixed list (issue 12): the site asks incident-service
 * for the organisation in the URL, and even when the answer carries another organisation's publication (a broken
 * or tampered upstream, played by the stub for demo-gikai) that publication is shown neither in the list, nor as a
 * page, nor in the feed.
 */
@QuarkusTest
@QuarkusTestResource(StubIncidentService.class)
class OrganisationsApartTest {

    @BeforeEach
    void forget() {
        StubIncidentService.ASKED.clear();
    }

    @Test
    void article43_5_eachOrganisationsListAsksForThatOrganisationAndShowsOnlyItsOwn() {
        String gikai =
                given().get("/demo-gikai/").then().statusCode(200).extract().asString();
        assertTrue(gikai.contains(StubIncidentService.GIKAI_TITLE), gikai);
        assertTrue(gikai.contains("デモ市議会"), gikai);
        assertFalse(gikai.contains("USBメモリの紛失について（続報）"), "demo-city's item is not listed for demo-gikai");
        assertTrue(gikai.contains("全1件"), "the count leaves the foreign item out: " + gikai);
        String city =
                given().get("/demo-city/").then().statusCode(200).extract().asString();
        assertFalse(city.contains(StubIncidentService.GIKAI_TITLE), city);
        assertTrue(StubIncidentService.ASKED.stream()
                .anyMatch(a -> a.startsWith("/api/public/organisations/demo-gikai/disclosures?")));
        assertTrue(StubIncidentService.ASKED.stream()
                .anyMatch(a -> a.startsWith("/api/public/organisations/demo-city/disclosures?")));
        assertTrue(
                StubIncidentService.ASKED.stream()
                        .allMatch(a -> a.startsWith("/api/public/organisations/demo-gikai/")
                                || a.startsWith("/api/public/organisations/demo-city/")),
                "every request names its organisation: " + StubIncidentService.ASKED);
    }

    @Test
    void aDisclosureOfAnotherOrganisationIsNeverShownUnderThisOnesAddress() {
        given().get("/demo-gikai/disclosures/1").then().statusCode(200);
        String html = given().get("/demo-gikai/disclosures/2")
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertFalse(html.contains("USBメモリの紛失について"), html);
        assertTrue(StubIncidentService.ASKED.contains("/api/public/organisations/demo-gikai/disclosures/2"));
    }

    @Test
    void theFeedOfAnOrganisationCarriesOnlyItsOwnPublications() {
        String feed = given().get("/demo-gikai/feed.atom")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(feed.contains(StubIncidentService.GIKAI_TITLE), feed);
        assertFalse(feed.contains("USBメモリ"), feed);
        assertTrue(feed.contains("/demo-gikai/disclosures/1"), feed);
        assertFalse(feed.contains("/demo-city/"), feed);
    }

    @Test
    void theStartPageListsEachOrganisationApartAndAnUnknownOneIsNeverAsked() {
        String index = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(index.contains("/demo-city/"), index);
        assertTrue(index.contains("/demo-gikai/"), index);
        for (String path : List.of("/demo-school/", "/demo-school/disclosures/1", "/demo-school/feed.atom")) {
            given().get(path).then().statusCode(404);
        }
        assertTrue(StubIncidentService.ASKED.isEmpty(), String.valueOf(StubIncidentService.ASKED));
    }
}
