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

    /** デモ市議会 (demo-gikai, HELPERS.md): 議会事務局 staff, 総務課長, 事務局長, 事務局次長 (security lead), CSIRT, 議長, auditor. */
    public static String gikaiStaff() {
        return tokenIn("demo-gikai", "gikai-staff1", "gikai-secretariat", "gikai-general", "staff");
    }

    public static String gikaiChief() {
        return tokenIn("demo-gikai", "gikai-chief1", "gikai-secretariat", "gikai-general", "section-chief");
    }

    public static String gikaiHead() {
        return tokenIn("demo-gikai", "gikai-head", "gikai-secretariat", "gikai-secretariat", "department-head");
    }

    public static String gikaiSeclead() {
        return tokenIn("demo-gikai", "gikai-seclead", "gikai-secretariat", "gikai-general", "security-lead");
    }

    public static String gikaiCsirt() {
        return tokenIn("demo-gikai", "gikai-csirt1", "gikai-secretariat", "gikai-general", "csirt");
    }

    public static String gikaiChair() {
        return tokenIn("demo-gikai", "gikai-chair", null, null, "ciso");
    }

    public static String gikaiAuditor() {
        return tokenIn("demo-gikai", "gikai-auditor", null, null, "auditor");
    }

    /** The installation administrator: no organisation, onboards organisations, sees no cases. */
    public static String installationAdmin() {
        return Jwt.preferredUserName("horenso-admin")
                .claim("realm_access", Map.of("roles", List.of("installation-admin")))
                .issuer("https://server.example.com")
                .audience("horenso-api")
                .sign();
    }

    /** A token of the demo city issued for another API (wrong audience). */
    public static String staff1ForAnotherAudience() {
        return Jwt.preferredUserName("staff1")
                .claim("realm_access", Map.of("roles", List.of("staff")))
                .claim("organisation", "demo-city")
                .claim("department", "general-affairs")
                .claim("unit", "general-affairs-section")
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }

    public static String token(String username, String department, String unit, String... roles) {
        return tokenIn("demo-city", username, department, unit, roles);
    }

    /** A token of a person of another organisation (one installation serves several). */
    public static String tokenIn(
            String organisation, String username, String department, String unit, String... roles) {
        JwtClaimsBuilder claims =
                Jwt.preferredUserName(username).claim("realm_access", Map.of("roles", List.of(roles)));
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        claims.issuer("https://server.example.com")
                // incident-service accepts only tokens issued for its API (quarkus.oidc.token.audience).
                .audience("horenso-api");
        if (department != null) {
            claims.claim("department", department);
        }
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.sign();
    }
}
