package jp.horenso.escalation.chain.validation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.ChainDocument.Condition;
import jp.horenso.escalation.chain.ChainDocument.OutsideBody;
import jp.horenso.escalation.chain.ChainDocument.StartRule;
import jp.horenso.escalation.chain.ChainDocument.Step;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;
import jp.horenso.platform.problem.Message;

/**
 * Checks a chain document completely and says where each problem is: unknown or duplicate steps, deadlines of
 * zero or less, cycles of escalation, steps no report can reach, and (against a directory) positions nobody
 * holds for a unit that has no deputy either.
 */
public final class ChainValidator {

    /** The severities of the event contract, lowest first. */
    public static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    /** The {@code when} of a condition. */
    public static final Set<String> CONDITIONS =
            Set.of(Chain.WHEN_SEVERITY, Chain.WHEN_MARKED_SERIOUS, Chain.WHEN_LEGAL_REPORT_DUE);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private ChainValidator() {}

    /** What is wrong with the document by itself; empty when nothing. */
    public static List<ChainError> structural(ChainDocument document) {
        List<ChainError> errors = new ArrayList<>();
        if (document == null || document.steps() == null || document.steps().isEmpty()) {
            errors.add(new ChainError("steps", Message.text("ステップが一つもありません。", "The chain has no steps.")));
            return errors;
        }
        Map<String, OutsideBody> bodies = outsideBodies(document, errors);
        Map<String, Step> steps = new LinkedHashMap<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < document.steps().size(); i++) {
            Step step = document.steps().get(i);
            String at = "steps[" + i + "]";
            if (step == null || step.id() == null || step.id().isBlank()) {
                errors.add(new ChainError(at + ".id", Message.text("ステップに id がありません。", "The step has no id.")));
                continue;
            }
            if (steps.putIfAbsent(step.id(), step) != null) {
                errors.add(new ChainError(
                        at + ".id",
                        Message.text(
                                "ステップ " + step.id() + " が二度定義されています。", "Step " + step.id() + " is defined twice.")));
                continue;
            }
            indexOf.put(step.id(), i);
        }
        for (int i = 0; i < document.steps().size(); i++) {
            Step step = document.steps().get(i);
            if (step != null && step.id() != null && !step.id().isBlank()) {
                checkStep(step, "steps[" + i + "]", steps.keySet(), bodies, errors);
            }
        }
        checkImmediately(document, errors);
        List<String> roots = new ArrayList<>();
        checkStart(document, steps.keySet(), roots, errors);
        checkConditions(document, steps.keySet(), roots, errors);
        checkCycles(steps, indexOf, errors);
        checkReachable(steps, indexOf, roots, errors);
        return errors;
    }

    /**
     * What the directory lacks for the document: a position step whose position nobody holds (and no deputy
     * stands in) for the organisation or for some unit. Each position and unit is named once.
     */
    public static List<ChainError> staffing(ChainDocument document, Staffing staffing) {
        List<ChainError> errors = new ArrayList<>();
        if (document == null || document.steps() == null) {
            return errors;
        }
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < document.steps().size(); i++) {
            Step step = document.steps().get(i);
            if (step == null || step.position() == null) {
                continue;
            }
            Position position = step.position();
            String at = "steps[" + i + "].position";
            if (!position.isOfUnit()) {
                if (reported.add(position.name()) && !staffing.covered(position, null)) {
                    errors.add(new ChainError(
                            at,
                            Message.text(
                                    position.name() + " には誰も就いておらず、代理者もいません。",
                                    "Nobody holds " + position.name() + " and there is no deputy.")));
                }
                continue;
            }
            UnitKind kind = position == Position.SECTION_CHIEF ? UnitKind.SECTION : UnitKind.DEPARTMENT;
            for (Staffing.StaffedUnit unit : staffing.units(kind)) {
                if (reported.add(position.name() + "/" + unit.code()) && !staffing.covered(position, unit.code())) {
                    errors.add(new ChainError(
                            at,
                            unit.line() > 0 ? unit.line() : null,
                            Message.text(
                                    unit.nameJa() + "（" + unit.code() + "）の " + position.name()
                                            + " には誰も就いておらず、代理者もいません。",
                                    "Nobody holds " + position.name() + " of " + unit.code()
                                            + (unit.nameEn() == null ? "" : " (" + unit.nameEn() + ")")
                                            + " and there is no deputy.")));
                }
            }
        }
        return errors;
    }

    /** A positive ISO-8601 duration, or null when {@code value} is not one. */
    public static Duration positiveDuration(String value) {
        if (value == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(value.trim());
            return duration.isNegative() || duration.isZero() ? null : duration;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, OutsideBody> outsideBodies(ChainDocument document, List<ChainError> errors) {
        Map<String, OutsideBody> bodies = new HashMap<>();
        List<OutsideBody> listed = document.outsideBodiesOrNone();
        for (int i = 0; i < listed.size(); i++) {
            OutsideBody body = listed.get(i);
            String at = "outsideBodies[" + i + "]";
            if (body == null || body.id() == null || body.id().isBlank()) {
                errors.add(new ChainError(at + ".id", Message.text("外部機関に id がありません。", "The outside body has no id.")));
                continue;
            }
            if (bodies.putIfAbsent(body.id(), body) != null) {
                errors.add(new ChainError(
                        at + ".id",
                        Message.text(
                                "外部機関 " + body.id() + " が二度定義されています。",
                                "Outside body " + body.id() + " is defined twice.")));
            }
            if (body.name() == null
                    || body.name().ja() == null
                    || body.name().ja().isBlank()) {
                errors.add(new ChainError(
                        at + ".name.ja", Message.text("外部機関の日本語名がありません。", "The outside body has no Japanese name.")));
            }
            if (body.email() == null || !EMAIL.matcher(body.email()).matches()) {
                errors.add(new ChainError(
                        at + ".email",
                        Message.text("外部機関のメールアドレスが正しくありません。", "The outside body's e-mail address is not valid.")));
            }
            if (body.locale() != null && !List.of("ja", "en").contains(body.locale())) {
                errors.add(
                        new ChainError(at + ".locale", Message.text("言語は ja または en です。", "The locale is ja or en.")));
            }
        }
        return bodies;
    }

    private static void checkStep(
            Step step, String at, Set<String> known, Map<String, OutsideBody> bodies, List<ChainError> errors) {
        if ((step.position() == null) == (step.outsideBody() == null)) {
            errors.add(new ChainError(
                    at,
                    Message.text(
                            "ステップ " + step.id() + " には position か outsideBody のどちらか一つが必要です。",
                            "Step " + step.id() + " needs exactly one of position and outsideBody.")));
            return;
        }
        if (step.outsideBody() != null) {
            if (!bodies.containsKey(step.outsideBody())) {
                errors.add(new ChainError(
                        at + ".outsideBody",
                        Message.text(
                                "外部機関 " + step.outsideBody() + " は outsideBodies にありません。",
                                "Outside body " + step.outsideBody() + " is not listed in outsideBodies.")));
            }
            if (step.ackWithin() != null
                    || !step.onTimeoutOrNone().isEmpty()
                    || step.repeat() != null
                    || step.tryDeputy() != null
                    || step.officeHours() != null
                    || !step.onAcknowledgeOrNone().isEmpty()) {
                errors.add(new ChainError(
                        at,
                        Message.text(
                                "外部機関へのステップ " + step.id() + " は確認を待たないため、ackWithin・onTimeout・"
                                        + "onAcknowledge・repeat・tryDeputy・officeHours を持てません。",
                                "Step " + step.id()
                                        + " tells an outside body, which does not acknowledge: it cannot have "
                                        + "ackWithin, onTimeout, onAcknowledge, repeat, tryDeputy or officeHours.")));
            }
            return;
        }
        String ackWithin = step.ackWithin();
        if (ackWithin != null
                && !Chain.IMMEDIATELY.equalsIgnoreCase(ackWithin.trim())
                && positiveDuration(ackWithin) == null) {
            errors.add(new ChainError(
                    at + ".ackWithin",
                    Message.text(
                            "確認期限 '" + ackWithin + "' は正の ISO-8601 期間（例 PT15M）でも immediately でもありません。",
                            "The deadline '" + ackWithin + "' is neither a positive ISO-8601 duration (e.g. PT15M) nor "
                                    + "immediately.")));
        }
        List<String> next = step.onTimeoutOrNone();
        for (int j = 0; j < next.size(); j++) {
            if (!known.contains(next.get(j))) {
                errors.add(unknownStep(at + ".onTimeout[" + j + "]", next.get(j)));
            }
        }
        List<String> forwarded = step.onAcknowledgeOrNone();
        for (int j = 0; j < forwarded.size(); j++) {
            if (!known.contains(forwarded.get(j))) {
                errors.add(unknownStep(at + ".onAcknowledge[" + j + "]", forwarded.get(j)));
            }
        }
        if (step.repeat() != null) {
            if (step.repeat().times() == null || step.repeat().times() < 1) {
                errors.add(new ChainError(
                        at + ".repeat.times", Message.text("繰り返し回数は 1 以上です。", "The number of repeats is at least 1.")));
            }
            if (positiveDuration(step.repeat().every()) == null) {
                errors.add(new ChainError(
                        at + ".repeat.every",
                        Message.text(
                                "繰り返し間隔 '" + step.repeat().every() + "' は正の ISO-8601 期間ではありません。",
                                "The repeat interval '" + step.repeat().every()
                                        + "' is not a positive ISO-8601 duration.")));
            }
        }
    }

    private static void checkImmediately(ChainDocument document, List<ChainError> errors) {
        if (document.immediately() == null) {
            return;
        }
        for (Map.Entry<String, String> entry : document.immediately().entrySet()) {
            String at = "immediately." + entry.getKey();
            if (!SEVERITIES.contains(entry.getKey())) {
                errors.add(new ChainError(
                        at,
                        Message.text(
                                "重大度は LOW・MEDIUM・HIGH・CRITICAL のいずれかです。",
                                "The severity is one of LOW, MEDIUM, HIGH, CRITICAL.")));
            } else if (positiveDuration(entry.getValue()) == null) {
                errors.add(new ChainError(
                        at,
                        Message.text(
                                "「直ちに」の期限 '" + entry.getValue() + "' は正の ISO-8601 期間ではありません。",
                                "The deadline of 'immediately' '" + entry.getValue() + "' is not a positive ISO-8601 "
                                        + "duration.")));
            }
        }
    }

    private static void checkStart(
            ChainDocument document, Set<String> known, List<String> roots, List<ChainError> errors) {
        List<StartRule> start = document.start() == null ? List.of() : document.start();
        if (start.isEmpty()) {
            errors.add(new ChainError("start", Message.text("開始規則がありません。", "There are no start rules.")));
            return;
        }
        for (int k = 0; k < start.size(); k++) {
            StartRule rule = start.get(k);
            String at = "start[" + k + "]";
            if (rule == null || rule.steps() == null || rule.steps().isEmpty()) {
                errors.add(new ChainError(
                        at + ".steps", Message.text("開始規則にステップがありません。", "The start rule has no steps.")));
                continue;
            }
            for (int j = 0; j < rule.steps().size(); j++) {
                String id = rule.steps().get(j);
                if (!known.contains(id)) {
                    errors.add(unknownStep(at + ".steps[" + j + "]", id));
                } else {
                    roots.add(id);
                }
            }
        }
        StartRule last = start.get(start.size() - 1);
        if (last != null && last.reporterRole() != null) {
            errors.add(new ChainError(
                    "start[" + (start.size() - 1) + "].reporterRole",
                    Message.text(
                            "最後の開始規則は reporterRole を持たず、誰の報告にも当てはまる必要があります。",
                            "The last start rule must have no reporterRole, so that every report matches one.")));
        }
    }

    private static void checkConditions(
            ChainDocument document, Set<String> known, List<String> roots, List<ChainError> errors) {
        List<Condition> conditions = document.conditionsOrNone();
        for (int c = 0; c < conditions.size(); c++) {
            Condition condition = conditions.get(c);
            String at = "conditions[" + c + "]";
            if (condition == null || condition.when() == null || !CONDITIONS.contains(condition.when())) {
                errors.add(new ChainError(
                        at + ".when",
                        Message.text(
                                "条件は SEVERITY・MARKED_SERIOUS・LEGAL_REPORT_DUE のいずれかです。",
                                "The condition is one of SEVERITY, MARKED_SERIOUS, LEGAL_REPORT_DUE.")));
                continue;
            }
            if (Chain.WHEN_SEVERITY.equals(condition.when()) && !SEVERITIES.contains(condition.severityAtLeast())) {
                errors.add(new ChainError(
                        at + ".severityAtLeast",
                        Message.text(
                                "SEVERITY 条件には severityAtLeast（LOW・MEDIUM・HIGH・CRITICAL）が必要です。",
                                "A SEVERITY condition needs severityAtLeast (LOW, MEDIUM, HIGH, CRITICAL).")));
            }
            if (condition.steps() == null || condition.steps().isEmpty()) {
                errors.add(
                        new ChainError(at + ".steps", Message.text("条件にステップがありません。", "The condition has no steps.")));
                continue;
            }
            for (int j = 0; j < condition.steps().size(); j++) {
                String id = condition.steps().get(j);
                if (!known.contains(id)) {
                    errors.add(unknownStep(at + ".steps[" + j + "]", id));
                } else {
                    roots.add(id);
                }
            }
        }
    }

    /**
     * Escalation must end: a step reached again through its own time-outs or acknowledgements (or a mix of
     * both) would never stop.
     */
    private static void checkCycles(Map<String, Step> steps, Map<String, Integer> indexOf, List<ChainError> errors) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        Set<Set<String>> reportedCycles = new HashSet<>();
        for (String id : steps.keySet()) {
            if (!state.containsKey(id)) {
                findCycles(id, steps, state, new ArrayDeque<>(), indexOf, reportedCycles, errors);
            }
        }
    }

    private static void findCycles(
            String id,
            Map<String, Step> steps,
            Map<String, Integer> state,
            Deque<String> path,
            Map<String, Integer> indexOf,
            Set<Set<String>> reported,
            List<ChainError> errors) {
        state.put(id, 1);
        path.addLast(id);
        List<String> onTimeout = steps.get(id).onTimeoutOrNone();
        List<String> next = steps.get(id).nextOrNone();
        for (int j = 0; j < next.size(); j++) {
            String to = next.get(j);
            if (!steps.containsKey(to)) {
                continue;
            }
            Integer seen = state.get(to);
            if (seen == null) {
                findCycles(to, steps, state, path, indexOf, reported, errors);
            } else if (seen == 1) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    in = in || p.equals(to);
                    if (in) {
                        cycle.add(p);
                    }
                }
                cycle.add(to);
                if (reported.add(new LinkedHashSet<>(cycle))) {
                    String shown = String.join(" → ", cycle);
                    String list = j < onTimeout.size()
                            ? ".onTimeout[" + j + "]"
                            : ".onAcknowledge[" + (j - onTimeout.size()) + "]";
                    errors.add(new ChainError(
                            "steps[" + indexOf.get(id) + "]" + list,
                            Message.text("エスカレーションが循環しています: " + shown, "Escalation goes round in a cycle: " + shown)));
                }
            }
        }
        path.removeLast();
        state.put(id, 2);
    }

    private static void checkReachable(
            Map<String, Step> steps, Map<String, Integer> indexOf, List<String> roots, List<ChainError> errors) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String id = pending.removeFirst();
            if (steps.containsKey(id) && reached.add(id)) {
                pending.addAll(steps.get(id).nextOrNone());
            }
        }
        for (String id : steps.keySet()) {
            if (!reached.contains(id)) {
                errors.add(new ChainError(
                        "steps[" + indexOf.get(id) + "]",
                        Message.text(
                                "ステップ " + id + " には、どの開始規則・条件・タイムアウト・確認からも到達できません。",
                                "Step " + id + " cannot be reached from any start rule, condition, time-out or "
                                        + "acknowledgement.")));
            }
        }
    }

    private static ChainError unknownStep(String at, String id) {
        return new ChainError(at, Message.text("ステップ " + id + " は定義されていません。", "Step " + id + " is not defined."));
    }
}
