package jp.horenso.escalation.hop.service;

/**
 * A report names an organisation that has no chain here. The event goes to the dead-letter topic, from which
 * it can be replayed once the organisation is configured.
 */
public class UnknownOrganisationException extends RuntimeException {

    public UnknownOrganisationException(String organisation) {
        super("organisation " + organisation + " has no reporting chain");
    }
}
