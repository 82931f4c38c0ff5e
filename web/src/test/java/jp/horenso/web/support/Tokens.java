package jp.horenso.web.support;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;

/** Signed access tokens shaped like the demo realm's, for the demo city's people. */
public final class Tokens {

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

    public static String token(String username, String unit, String... roles) {
        var claims = Jwt.preferredUserName(username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .claim("organisation", "demo-city")
                .claim("name", username)
                .issuer("https://server.example.com")
                .audience("horenso-web");
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.sign();
    }
}
