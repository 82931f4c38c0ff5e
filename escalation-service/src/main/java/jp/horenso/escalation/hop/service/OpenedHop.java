package jp.horenso.escalation.hop.service;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.HopTrigger;

/** A hop that was just opened, with what its events and notification need. */
public record OpenedHop(
        UUID hopId,
        String chainStep,
        Position step,
        Person recipient,
        Instant ackDeadline,
        UUID escalatedFrom,
        int attempt,
        boolean asDeputy,
        String deputyFor,
        HopTrigger trigger,
        UUID forwardedFrom) {}
