package jp.horenso.escalation.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import jp.horenso.escalation.directory.Position;

/**
 * The shape of a reporting chain as data (the emergency response plan of 第107条): where a report starts, whom
 * each step is addressed to, how long they have to acknowledge, what happens when they do not, which steps
 * open on conditions, and which outside bodies are told.
 *
 * @param immediately what {@code immediately} (直ちに) means per severity (LOW, MEDIUM, HIGH, CRITICAL), as an
 *        ISO-8601 duration; a severity not listed (or a case without severity) uses the configured default
 * @param start rules choosing the first steps by the reporter's role; the first match wins
 * @param conditions steps opened when something becomes true of the case (第43条3項: the CISO)
 * @param outsideBodies the outside bodies (関係機関, 第43条2項) steps may name
 * @param steps the steps, each named by an id the rules and {@code onTimeout} refer to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainDocument(
        Map<String, String> immediately,
        List<StartRule> start,
        List<Condition> conditions,
        List<OutsideBody> outsideBodies,
        List<Step> steps) {

    /** A chain with start rules and steps only (as chain version 1 of the foundation). */
    public ChainDocument(List<StartRule> start, List<Step> steps) {
        this(null, start, null, null, steps);
    }

    public List<Condition> conditionsOrNone() {
        return conditions == null ? List.of() : conditions;
    }

    public List<OutsideBody> outsideBodiesOrNone() {
        return outsideBodies == null ? List.of() : outsideBodies;
    }

    /**
     * Where a report starts.
     *
     * @param reporterRole the rule applies when the reporter holds this role; null for the default rule
     * @param steps ids of the steps opened at once, in parallel
     */
    public record StartRule(String reporterRole, List<String> steps) {}

    /**
     * Steps opened, in parallel, once something is true of the case; each step still reaches a person once.
     *
     * @param when {@code SEVERITY} (the case's severity is at least {@code severityAtLeast}),
     *        {@code MARKED_SERIOUS} (a department head or the security lead marked it 重大) or
     *        {@code LEGAL_REPORT_DUE} (a legal report duty applies)
     * @param severityAtLeast for {@code SEVERITY}: LOW, MEDIUM, HIGH or CRITICAL
     * @param steps ids of the steps to open
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String when, String severityAtLeast, List<String> steps) {}

    /**
     * An outside body told directly by the chain (a prefecture desk, the police …); it is told, it does not
     * acknowledge.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutsideBody(String id, Name name, String email, String locale) {}

    /** A name in Japanese and, optionally, English. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Name(String ja, String en) {}

    /**
     * "Repeat N times every M": a time-out first tells the same person again, up to {@code times} more times,
     * each with {@code every} to acknowledge, before the chain goes on.
     */
    public record Repeat(Integer times, String every) {}

    /**
     * A level of the chain: either a position, or an outside body.
     *
     * @param id the step's name within the chain
     * @param position whose step it is, relative to the case's section; null for an outside-body step
     * @param outsideBody id of the outside body told by this step; null for a position step
     * @param ackWithin an ISO-8601 duration, or {@code immediately} (直ちに, per severity or configured)
     * @param onTimeout ids of the steps opened, in parallel, when this one is not acknowledged in time; empty
     *        for the last level, whose time-out is only recorded
     * @param repeat tell the same person again before going on; null for no repeat
     * @param tryDeputy on time-out, tell the holder's deputy (if one is valid) before going on
     * @param officeHours the deadline counts office hours only (weekdays, not public holidays or 年末年始)
     * @param onAcknowledge ids of the steps opened, in parallel, as soon as the holder acknowledges (第43条2項:
     *        the section chief, on receiving the report, reports it at once to the department head, the security
     *        lead and the outside bodies); empty when an acknowledgement forwards nothing
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String id,
            Position position,
            String outsideBody,
            String ackWithin,
            List<String> onTimeout,
            Repeat repeat,
            Boolean tryDeputy,
            Boolean officeHours,
            List<String> onAcknowledge) {

        /** A position step with only a deadline and its next levels. */
        public Step(String id, Position position, String ackWithin, List<String> onTimeout) {
            this(id, position, null, ackWithin, onTimeout, null, null, null, null);
        }

        /** A step whose acknowledgement forwards nothing. */
        public Step(
                String id,
                Position position,
                String outsideBody,
                String ackWithin,
                List<String> onTimeout,
                Repeat repeat,
                Boolean tryDeputy,
                Boolean officeHours) {
            this(id, position, outsideBody, ackWithin, onTimeout, repeat, tryDeputy, officeHours, null);
        }

        public List<String> onTimeoutOrNone() {
            return onTimeout == null ? List.of() : onTimeout;
        }

        public List<String> onAcknowledgeOrNone() {
            return onAcknowledge == null ? List.of() : onAcknowledge;
        }

        /** Every step this one leads to, by time-out or by acknowledgement. */
        public List<String> nextOrNone() {
            List<String> next = new java.util.ArrayList<>(onTimeoutOrNone());
            next.addAll(onAcknowledgeOrNone());
            return next;
        }

        public boolean triesDeputy() {
            return Boolean.TRUE.equals(tryDeputy);
        }

        public boolean countsOfficeHours() {
            return Boolean.TRUE.equals(officeHours);
        }
    }
}
