package jp.horenso.escalation.support;

import static io.restassured.RestAssured.given;

/** The chain versions of the caller's organisation, as the API lists them (to prove that nothing was saved). */
public final class ChainVersions {

    private ChainVersions() {}

    /** How many versions {@code GET /api/chain/versions} lists for the calling test identity's organisation. */
    public static int count() {
        return given().when()
                .get("/api/chain/versions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("version")
                .size();
    }
}
