package jp.horenso.publicsite.disclosure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

@QuarkusTest
@QuarkusTestResource(StubIncidentService.class)
class DisclosurePagesTest {

    @Test
    void article43_5_listShowsThePublishedDisclosuresNewestFirstAndNoPersonalData() {
        Response page = given().get("/demo-city/");
        page.then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(containsString("<html lang=\"ja\">"))
                .body(containsString(StubIncidentService.PUBLISHED_TITLE))
                .body(containsString("市民の皆様にご心配をおかけし"))
                .body(containsString("公表番号 1"))
                .body(containsString("令和8年12月1日"))
                .body(containsString("href=\"/demo-city/feed.atom\""))
                .body(not(containsString("<script")))
                .body(not(containsString(" style=")))
                .body(not(containsString(StubIncidentService.DRAFT_TITLE)));
        String html = page.asString();
        assertTrue(html.indexOf("公表番号 2") < html.indexOf("公表番号 1"), "newest first");
        assertTrue(html.contains("&amp; &lt;対策&gt;"), "text is escaped");
        assertNoPersonalData(html);
    }

    @Test
    void article44_7_disclosurePageShowsTheRecurrencePreventionFollowUp() {
        String html = given().get("/demo-city/disclosures/1")
                .then()
                .statusCode(200)
                .body(containsString(StubIncidentService.PUBLISHED_BODY))
                .body(containsString("再発防止策（第44条7項）"))
                .body(containsString("続報"))
                .body(containsString(StubIncidentService.MEASURE))
                .body(containsString("href=\"/demo-city/disclosures/2\""))
                .extract()
                .asString();
        assertNoPersonalData(html);
        assertNoPersonalData(given().get("/demo-city/disclosures/2")
                .then()
                .statusCode(200)
                .body(containsString(StubIncidentService.MEASURE))
                .extract()
                .asString());
    }

    @Test
    void englishOnRequestWithJapaneseWhereNoEnglishWasPublished() {
        given().get("/demo-city/?lang=en")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString(StubIncidentService.PUBLISHED_TITLE_EN))
                .body(containsString("Demo City"))
                .body(containsString("1 December 2026"))
                .body(containsString(StubIncidentService.FOLLOW_UP_TITLE
                        .replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")))
                .body(containsString("href=\"/demo-city/disclosures/1?lang=en\""))
                .body(containsString("href=\"/demo-city/\" lang=\"ja\""));
    }

    @Test
    void atomFeedForThePressCarriesThePublishedTextAndNoPersonalData() throws Exception {
        Response feed = given().get("/demo-city/feed.atom");
        feed.then()
                .statusCode(200)
                .contentType(containsString("application/atom+xml"))
                .body(containsString(StubIncidentService.PUBLISHED_TITLE))
                .body(containsString(StubIncidentService.MEASURE))
                .body(containsString("<id>http://localhost:8084/demo-city/disclosures/1</id>"))
                .body(not(containsString(StubIncidentService.DRAFT_TITLE)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(feed.asByteArray()));
        assertTrue("feed".equals(xml.getDocumentElement().getLocalName()));
        assertTrue(xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")
                        .getLength()
                == 2);
        assertNoPersonalData(new String(feed.asByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownOrganisationsAndNumbersAnswer404WithTheSitesPage() {
        given().get("/other-town/")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("ページが見つかりません"));
        given().get("/demo-city/disclosures/3")
                .then()
                .statusCode(404)
                .body(not(containsString(StubIncidentService.DRAFT_TITLE)));
        given().get("/demo-city/disclosures/abc").then().statusCode(404);
        given().get("/demo-city/feed.atom/../../etc").then().statusCode(404);
        given().get("/demo-city").then().statusCode(200).body(containsString(StubIncidentService.PUBLISHED_TITLE));
        given().get("/").then().statusCode(200).body(containsString("href=\"/demo-city/\""));
        given().get("/assets/site.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void noLoginMachineryOnTheClasspath() {
        for (String type : List.of(
                "io.quarkus.oidc.OidcTenantConfig",
                "io.quarkus.oidc.runtime.OidcRecorder",
                "org.postgresql.Driver",
                "org.apache.kafka.clients.producer.KafkaProducer")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(type), type + " is on the classpath");
        }
        given().get("/demo-city/").then().statusCode(200).header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
    }

    private static void assertNoPersonalData(String text) {
        for (String datum : StubIncidentService.PERSONAL_DATA) {
            assertFalse(text.contains(datum), "the public site shows " + datum);
        }
    }
}
