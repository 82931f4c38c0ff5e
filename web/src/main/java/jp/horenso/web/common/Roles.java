package jp.horenso.web.common;

/** The realm roles, as the services name them. */
public final class Roles {

    public static final String STAFF = "staff";
    public static final String SECTION_CHIEF = "section-chief";
    public static final String DEPARTMENT_HEAD = "department-head";
    public static final String SECURITY_LEAD = "security-lead";
    public static final String CSIRT = "csirt";
    public static final String CISO = "ciso";
    public static final String VICE_CISO = "vice-ciso";
    public static final String AUDITOR = "auditor";
    public static final String COMMITTEE = "committee";
    /** Onboards organisations; belongs to no organisation and sees no cases. */
    public static final String INSTALLATION_ADMIN = "installation-admin";

    private Roles() {}
}
