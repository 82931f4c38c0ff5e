package jp.horenso.incident.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.Map;

/** Signed access tokens shaped like the demo realm's, for the demo city's people. */
public final class Tokens {

    private Tokens() {}

    public static String staff1() {
        return token("staff1", "general-affairs", "general-affairs-section", "staff");
    }

    public static String staff2() {
        return token("staff2", "welfare", "welfare-section", "staff");
    }

    public static String chief1() {
        return token("chief1", "general-affairs", "general-affairs-section", "section-chief", "staff");
    }

    public static String chief2() {
        return token("chief2", "welfare", "welfare-section", "section-chief", "staff");
    }

    public static String head1() {
        return token("head1", "general-affairs", "general-affairs", "department-head");
    }

    public static String seclead() {
        return token("seclead", "general-affairs", "information-policy", "security-lead");
    }

    public static String csirt1() {
        return token("csirt1", "general-affairs", "information-policy", "csirt");
    }

    public static String ciso() {
        return token("ciso", null, "demo-city", "ciso");
    }

    public static String head2() {
        return token("head2", "welfare", "welfare", "department-head");
    }

    /** 副CISO (第9条): reads what the CISO reads, decides nothing. */
    public static String viceCiso() {
        return token("viceciso", null, "demo-city", "vice-ciso");
    }

    public static String auditor() {
        return token("auditor", null, null, "auditor");
    }

    /** A member of the information-security committee (情報セキュリティ委員会, 第5–7条). */
    public static String committee() {
        return token("committee1", null, null, "committee");
    }

    public static String token(String username, String department, String unit, String... roles) {
        return tokenIn("demo-city", username, department, unit, roles);
    }

    /** A token of a person of another organisation (one installation serves several). */
    public static String tokenIn(
            String organisation, String username, String department, String unit, String... roles) {
        JwtClaimsBuilder claims = Jwt.preferredUserName(username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .claim("organisation", organisation)
                .issuer("https://server.example.com")
                .audience("https://service.example.com");
        if (department != null) {
            claims.claim("department", department);
        }
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.sign();
    }
}
