package jp.horenso.web.report;

import io.quarkus.qute.TemplateData;
import org.jboss.resteasy.reactive.RestForm;

/** The fields of the report form, kept to show them again next to what was wrong. */
@TemplateData
public class ReportForm {
    @RestForm
    public String title;

    @RestForm
    public String description;

    @RestForm
    public String occurredAt;

    @RestForm
    public String discoveredAt;

    @RestForm
    public String system;
    /** yes, no or unknown. */
    @RestForm
    public String personalData;

    @RestForm
    public String persons;

    @RestForm
    public String unit;
    /** STAFF, VENDOR or CITIZEN. */
    @RestForm
    public String reporterType;

    @RestForm
    public String informantName;

    @RestForm
    public String informantOrganisation;

    @RestForm
    public String informantContact;
    /** PHONE, COUNTER, MAIL, WEB_FORM. */
    @RestForm
    public String informantChannel;

    @RestForm
    public String idempotencyKey;
}
