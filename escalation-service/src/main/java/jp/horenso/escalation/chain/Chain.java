package jp.horenso.escalation.chain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A checked, ready-to-run version of an organisation's reporting chain. */
public final class Chain {

    /** The {@code ackWithin} word for 直ちに; its duration is configuration, not part of the chain. */
    public static final String IMMEDIATELY = "immediately";

    private final String organisation;
    private final int version;
    private final List<ChainDocument.StartRule> start;
    private final Map<String, ChainDocument.Step> steps;

    private Chain(String organisation, int version, List<ChainDocument.StartRule> start,
            Map<String, ChainDocument.Step> steps) {
        this.organisation = organisation;
        this.version = version;
        this.start = start;
        this.steps = steps;
    }

    /**
     * Checks a chain document and makes it runnable.
     *
     * @throws IllegalArgumentException naming what is wrong: unknown step ids, no default start rule, a step
     *         without position, an {@code ackWithin} that is neither a positive duration nor {@code immediately}
     */
    public static Chain of(String organisation, int version, ChainDocument document) {
        String where = "chain " + organisation + " v" + version + ": ";
        if (document == null || document.steps() == null || document.steps().isEmpty()) {
            throw new IllegalArgumentException(where + "no steps");
        }
        Map<String, ChainDocument.Step> steps = new LinkedHashMap<>();
        for (ChainDocument.Step step : document.steps()) {
            if (step.id() == null || step.id().isBlank() || step.position() == null) {
                throw new IllegalArgumentException(where + "every step needs an id and a position");
            }
            if (steps.put(step.id(), step) != null) {
                throw new IllegalArgumentException(where + "step " + step.id() + " defined twice");
            }
            parseAckWithin(step.ackWithin(), where + "step " + step.id());
        }
        for (ChainDocument.Step step : steps.values()) {
            requireKnown(steps, step.onTimeout() == null ? List.of() : step.onTimeout(),
                    where + "onTimeout of " + step.id());
        }
        List<ChainDocument.StartRule> start = document.start() == null ? List.of() : document.start();
        if (start.isEmpty() || start.get(start.size() - 1).reporterRole() != null) {
            throw new IllegalArgumentException(where + "the last start rule must have no reporterRole");
        }
        for (ChainDocument.StartRule rule : start) {
            if (rule.steps() == null || rule.steps().isEmpty()) {
                throw new IllegalArgumentException(where + "a start rule without steps");
            }
            requireKnown(steps, rule.steps(), where + "start rule " + rule.reporterRole());
        }
        return new Chain(organisation, version, List.copyOf(start), Map.copyOf(steps));
    }

    /** The ids of the steps a report starts at, given the reporter's roles (第43条1項 and 4項). */
    public List<String> startSteps(Collection<String> reporterRoles) {
        for (ChainDocument.StartRule rule : start) {
            if (rule.reporterRole() == null || reporterRoles.contains(rule.reporterRole())) {
                return rule.steps();
            }
        }
        throw new IllegalStateException("unreachable: the last rule has no condition");
    }

    public Optional<ChainDocument.Step> step(String id) {
        return Optional.ofNullable(steps.get(id));
    }

    /** How long the holder of {@code step} has to acknowledge, {@code immediately} being {@code immediate}. */
    public static Duration ackWithin(ChainDocument.Step step, Duration immediate) {
        Duration parsed = parseAckWithin(step.ackWithin(), "step " + step.id());
        return parsed == null ? immediate : parsed;
    }

    public String organisation() {
        return organisation;
    }

    public int version() {
        return version;
    }

    /** Null for {@code immediately}. */
    private static Duration parseAckWithin(String value, String where) {
        if (value == null || IMMEDIATELY.equalsIgnoreCase(value.trim())) {
            return null;
        }
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(where + ": ackWithin must be positive");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": ackWithin '" + value + "' is neither an ISO-8601 "
                    + "duration nor '" + IMMEDIATELY + "'");
        }
    }

    private static void requireKnown(Map<String, ChainDocument.Step> steps, List<String> ids, String where) {
        for (String id : ids) {
            if (!steps.containsKey(id)) {
                throw new IllegalArgumentException(where + " names unknown step " + id);
            }
        }
    }
}
