package jp.horenso.notification.support;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.Map;
import jp.horenso.platform.security.Organisation;

/**
 * Signed access tokens shaped like the demo realm's (realm roles, {@code organisation}, {@code unit}, and the
 * audience {@code horenso-api} the service requires), checked by the real OIDC stack against the test key server
 * ({@link TestResources}).
 */
public final class Tokens {

    /** The audience the realm adds to the console's and the CLI's tokens; the service refuses tokens without it. */
    public static final String AUDIENCE = "horenso-api";

    public static final String CITY = "demo-city";
    public static final String GIKAI = "demo-gikai";
    public static final Organisation CITY_ORG = Organisation.of(CITY);
    public static final Organisation GIKAI_ORG = Organisation.of(GIKAI);

    private Tokens() {}

    /** A token of {@code username} of the demo city with these realm roles. */
    public static String of(String username, String... roles) {
        return in(CITY, username, roles);
    }

    /** A token of {@code username} of {@code organisation} (null: a token without the claim). */
    public static String in(String organisation, String username, String... roles) {
        return build(organisation, username, AUDIENCE, roles);
    }

    /** A token of the installation administrator: no organisation. */
    public static String installationAdmin() {
        return build(null, "horenso-admin", AUDIENCE, "installation-admin");
    }

    /** A token for another audience (a client that was not given horenso-api). */
    public static String withAudience(String audience, String username, String... roles) {
        return build(CITY, username, audience, roles);
    }

    private static String build(String organisation, String username, String audience, String... roles) {
        JwtClaimsBuilder claims = Jwt.preferredUserName(username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuer("https://server.example.com")
                .audience(audience);
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        if (List.of(roles).contains("staff") || List.of(roles).contains("section-chief")) {
            claims.claim("unit", "general-affairs-section");
        }
        return claims.sign();
    }

    /**
     * Makes every following request of this test carry a demo-city token of {@code username} (what
     * {@code @TestSecurity} did, but through the real token check). Test classes reset it with {@link #anonymous()}
     * after each test.
     */
    public static void actAs(String username, String... roles) {
        bearer(of(username, roles));
    }

    /** Every following request of this test carries {@code token}. */
    public static void bearer(String token) {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + token)
                .build();
    }

    /** Requests go without a token again. */
    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }
}
