package jp.horenso.incident.assessment.legal;

import java.util.LinkedHashSet;
import java.util.Set;
import jp.horenso.incident.assessment.severity.LeakFacts;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.NetworkZone;
import jp.horenso.incident.cases.PersonalData;
import jp.horenso.incident.cases.PersonalDataKind;

/**
 * The vocabulary of facts the legal rule set ({@code rules/legal-duties.json}) combines. Which facts make a duty
 * is data; what each fact means is here.
 */
public final class LegalFacts {

    private LegalFacts() {}

    public static Set<String> of(Incident c) {
        Set<String> facts = new LinkedHashSet<>();
        PersonalData pd = c.personalData();
        boolean leak = LeakFacts.personalDataLeak(c);
        if (leak) {
            facts.add("personalDataLeak");
        }
        if (pd == null) {
            return facts;
        }
        if (!pd.stronglyEncrypted()) {
            facts.add("notStronglyEncrypted");
        }
        if (pd.kinds().contains(PersonalDataKind.SENSITIVE)) {
            facts.add("sensitivePersonalData");
        }
        if (pd.kinds().contains(PersonalDataKind.ORDINANCE_SENSITIVE)) {
            facts.add("ordinanceSensitiveData");
        }
        if (leak && pd.kinds().contains(PersonalDataKind.MY_NUMBER)) {
            facts.add("myNumberDataLeak");
        }
        if (pd.financialDamageRisk()) {
            facts.add("financialDamageRisk");
        }
        if (pd.improperPurpose()) {
            facts.add("improperPurpose");
        }
        if (pd.publiclyViewable()) {
            facts.add("publiclyViewable");
        }
        if (pd.persons() != null && pd.persons() > 100) {
            facts.add("personsOver100");
        }
        if (pd.heldInMyNumberSystems() || c.networkZone() == NetworkZone.MY_NUMBER_USE) {
            facts.add("heldInMyNumberSystems");
        }
        return facts;
    }
}
