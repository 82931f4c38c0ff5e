package jp.horenso.incident.disclosure.service;

import java.util.List;

/** A text meant for publication contains personal data; answered with 422 and the list of what was found. */
public class PersonalDataFoundException extends RuntimeException {

    private final transient List<PersonalDataScreen.Finding> findings;

    public PersonalDataFoundException(List<PersonalDataScreen.Finding> findings) {
        super(findings.size() + " personal data finding(s)");
        this.findings = List.copyOf(findings);
    }

    public List<PersonalDataScreen.Finding> findings() {
        return findings;
    }
}
