package jp.horenso.escalation.chain;

import java.util.List;
import jp.horenso.escalation.directory.Position;

/**
 * The shape of a reporting chain as data: where a report starts, and for each step whom it is addressed to,
 * how long they have to acknowledge, and whom to escalate to when they do not.
 *
 * @param start rules choosing the first steps by the reporter's role; the first match wins
 * @param steps the steps, each named by an id the rules and {@code onTimeout} refer to
 */
public record ChainDocument(List<StartRule> start, List<Step> steps) {

    /**
     * Where a report starts.
     *
     * @param reporterRole the rule applies when the reporter holds this role; null for the default rule
     * @param steps ids of the steps opened at once, in parallel
     */
    public record StartRule(String reporterRole, List<String> steps) {
    }

    /**
     * A level of the chain.
     *
     * @param id the step's name within the chain
     * @param position whose step it is, relative to the case's section
     * @param ackWithin an ISO-8601 duration, or {@code immediately} (直ちに, configured)
     * @param onTimeout ids of the steps opened, in parallel, when this one is not acknowledged in time; empty
     *        for the last level, whose time-out is only recorded
     */
    public record Step(String id, Position position, String ackWithin, List<String> onTimeout) {
    }
}
