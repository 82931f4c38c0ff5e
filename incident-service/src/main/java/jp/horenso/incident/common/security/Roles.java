package jp.horenso.incident.common.security;

import jp.horenso.platform.security.Caller;

/**
 * Realm roles of the Horenso Keycloak realm, as they arrive in {@code realm_access.roles}, and what they let a
 * {@link Caller} see in this service.
 */
public final class Roles {

    /** 職員: files reports, sees the cases they filed. */
    public static final String STAFF = "staff";
    /** 課長等: sees the cases of their section, acknowledges them. */
    public static final String SECTION_CHIEF = "section-chief";
    /** 部長等: sees the cases of their department. */
    public static final String DEPARTMENT_HEAD = "department-head";
    /** 情報政策課長 (統括情報セキュリティ責任者): sees every case. */
    public static final String SECURITY_LEAD = "security-lead";
    /** CSIRT member: sees every case, records the response. */
    public static final String CSIRT = "csirt";
    /** CISO (副市長): sees every case, decides disclosure. */
    public static final String CISO = "ciso";
    /** 副CISO (第9条): assists the CISO; receives and reads what the CISO reads, decides nothing. */
    public static final String VICE_CISO = "vice-ciso";
    /** 情報セキュリティ委員会: sees the cases the CISO reported to it (第44条6項). */
    public static final String COMMITTEE = "committee";
    /** 監査: reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";

    private Roles() {}

    /** Roles that see every case of their organisation (the vice-CISO reads what the CISO reads, 第9条). */
    public static boolean seesWholeOrganisation(Caller caller) {
        return caller.hasAnyRole(SECURITY_LEAD, CSIRT, CISO, VICE_CISO, AUDITOR);
    }

    /** Roles that may name any section of the organisation as the one a case concerns (第44条2項). */
    public static boolean mayNameAnyUnit(Caller caller) {
        return caller.hasAnyRole(SECURITY_LEAD, CSIRT, CISO);
    }
}
