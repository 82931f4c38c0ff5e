package jp.horenso.escalation.hop.event;

import java.util.UUID;

/** The reporting chain of the case's organisation started running for the case. */
public record ChainStarted(UUID incidentId, String organisation, int chainVersion) {

    public static final String NAME = "ChainStarted";
}
