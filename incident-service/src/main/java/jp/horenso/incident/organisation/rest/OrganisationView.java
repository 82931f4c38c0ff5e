package jp.horenso.incident.organisation.rest;

import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.organisation.OrganisationProfile;

/** The caller's organisation as it was onboarded: names, case-number prefix, scheme, inquiry desk, public contacts. */
public record OrganisationView(
        String code,
        Text name,
        String caseNumberPrefix,
        String classificationScheme,
        Text contact,
        List<String> publicContacts,
        OffsetDateTime onboardedAt) {

    public record Text(String ja, String en) {}

    public static OrganisationView of(OrganisationProfile p) {
        return new OrganisationView(
                p.code(),
                new Text(p.nameJa(), p.nameEn()),
                p.caseNumberPrefix(),
                p.classificationScheme(),
                new Text(p.contact("ja"), p.contact("en")),
                p.publicContacts(),
                p.onboardedAt());
    }
}
