package jp.horenso.web.support;

import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Signed access tokens shaped like the demo realm's, for the demo city's people. */
public final class Tokens {

    static {
        // Every test that uses a person's token sends its forms as the console's pages do, with the CSRF token.
        if (RestAssured.filters().stream().noneMatch(CsrfForTests.class::isInstance)) {
            RestAssured.filters(new CsrfForTests());
        }
    }

    private Tokens() {}

    public static String staff1() {
        return token("staff1", "general-affairs-section", "staff");
    }

    public static String chief1() {
        return token("chief1", "general-affairs-section", "section-chief", "staff");
    }

    public static String head1() {
        return token("head1", "general-affairs", "department-head");
    }

    public static String csirt1() {
        return token("csirt1", "information-policy", "csirt");
    }

    public static String ciso() {
        return token("ciso", "demo-city", "ciso");
    }

    public static String auditor() {
        return token("auditor", null, "auditor");
    }

    /** デモ市議会's CSIRT member (same unit code shape, another organisation). */
    public static String gikaiCsirt1() {
        return of("demo-gikai", "gikai-csirt1", "gikai-general", "csirt");
    }

    public static String gikaiSeclead() {
        return of("demo-gikai", "gikai-seclead", "gikai-general", "security-lead");
    }

    /** The installation administrator: no organisation. */
    public static String installationAdmin() {
        return of(null, "horenso-admin", null, "installation-admin");
    }

    public static String token(String username, String unit, String... roles) {
        return of("demo-city", username, unit, roles);
    }

    /** A token of {@code organisation} (none when null), with the audience the services require. */
    public static String of(String organisation, String username, String unit, String... roles) {
        return build(organisation, username, unit, Set.of("horenso-api"), roles);
    }

    public static String build(
            String organisation, String username, String unit, Set<String> audience, String... roles) {
        var claims = Jwt.preferredUserName(username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .claim("name", username)
                .issuer("https://server.example.com")
                .audience(audience);
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.sign();
    }
}
