package jp.horenso.escalation.chain;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;

/** A checked, ready-to-run version of an organisation's reporting chain. */
public final class Chain {

    /** The {@code ackWithin} word for 直ちに; its duration is configuration, not part of the chain. */
    public static final String IMMEDIATELY = "immediately";
    /** Condition: the case's severity reached a level. */
    public static final String WHEN_SEVERITY = "SEVERITY";
    /** Condition: a department head or the security lead marked the case 重大 (第43条3項). */
    public static final String WHEN_MARKED_SERIOUS = "MARKED_SERIOUS";
    /** Condition: a legal report duty applies to the case (regulatory.md R1, R2). */
    public static final String WHEN_LEGAL_REPORT_DUE = "LEGAL_REPORT_DUE";

    private final String organisation;
    private final int version;
    private final ChainDocument document;
    private final Map<String, ChainDocument.Step> steps;
    private final Map<String, ChainDocument.OutsideBody> outsideBodies;

    private Chain(String organisation, int version, ChainDocument document) {
        this.organisation = organisation;
        this.version = version;
        this.document = document;
        Map<String, ChainDocument.Step> byId = new LinkedHashMap<>();
        document.steps().forEach(step -> byId.put(step.id(), step));
        this.steps = Map.copyOf(byId);
        this.outsideBodies = document.outsideBodiesOrNone().stream()
                .collect(Collectors.toUnmodifiableMap(ChainDocument.OutsideBody::id, body -> body));
    }

    /**
     * Checks a chain document and makes it runnable.
     *
     * @throws IllegalArgumentException naming everything that is wrong (see {@link ChainValidator#structural})
     */
    public static Chain of(String organisation, int version, ChainDocument document) {
        List<ChainError> errors = ChainValidator.structural(document);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("chain " + organisation + " v" + version + ": "
                    + errors.stream()
                            .map(e -> e.field() + ": " + e.message().in(Locale.ENGLISH))
                            .collect(Collectors.joining("; ")));
        }
        return new Chain(organisation, version, document);
    }

    /** The ids of the steps a report starts at, given the reporter's roles (第43条1項 and 4項). */
    public List<String> startSteps(Collection<String> reporterRoles) {
        for (ChainDocument.StartRule rule : document.start()) {
            if (rule.reporterRole() == null || reporterRoles.contains(rule.reporterRole())) {
                return rule.steps();
            }
        }
        throw new IllegalStateException("unreachable: the last rule has no condition");
    }

    /** The conditions of kind {@code when} ({@link #WHEN_SEVERITY} …). */
    public List<ChainDocument.Condition> conditions(String when) {
        return document.conditionsOrNone().stream()
                .filter(c -> when.equals(c.when()))
                .toList();
    }

    public Optional<ChainDocument.Step> step(String id) {
        return Optional.ofNullable(steps.get(id));
    }

    public Optional<ChainDocument.OutsideBody> outsideBody(String id) {
        return Optional.ofNullable(outsideBodies.get(id));
    }

    /** How long the holder of {@code step} has to acknowledge, {@code immediately} being {@code immediate}. */
    public static Duration ackWithin(ChainDocument.Step step, Duration immediate) {
        String value = step.ackWithin();
        if (value == null || IMMEDIATELY.equalsIgnoreCase(value.trim())) {
            return immediate;
        }
        Duration parsed = ChainValidator.positiveDuration(value);
        if (parsed == null) {
            throw new IllegalStateException("step " + step.id() + ": ackWithin " + value + " was not checked");
        }
        return parsed;
    }

    /**
     * How long the holder of {@code step} has to acknowledge in a case of {@code severity}: {@code immediately}
     * is what this chain says for the severity, else {@code configured}.
     */
    public Duration ackWithin(ChainDocument.Step step, String severity, Duration configured) {
        return ackWithin(step, immediately(severity, configured));
    }

    /** What 直ちに means in a case of {@code severity} (null: not assessed). */
    public Duration immediately(String severity, Duration configured) {
        if (severity == null
                || document.immediately() == null
                || !document.immediately().containsKey(severity)) {
            return configured;
        }
        return ChainValidator.positiveDuration(document.immediately().get(severity));
    }

    public ChainDocument document() {
        return document;
    }

    public String organisation() {
        return organisation;
    }

    public int version() {
        return version;
    }
}
