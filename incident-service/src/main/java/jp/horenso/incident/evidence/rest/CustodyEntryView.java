package jp.horenso.incident.evidence.rest;

import java.time.OffsetDateTime;
import jp.horenso.incident.evidence.CustodyEntry;

/** One link of a chain of custody as the API shows it. */
public record CustodyEntryView(
        CustodyEntry.Action action, String actor, OffsetDateTime at, String handedTo, String purpose) {

    public static CustodyEntryView of(CustodyEntry c) {
        return new CustodyEntryView(c.action(), c.actor(), c.at(), c.handedTo(), c.purpose());
    }
}
