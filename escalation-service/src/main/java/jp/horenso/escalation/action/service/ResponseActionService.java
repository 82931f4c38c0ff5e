package jp.horenso.escalation.action.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.action.ResponseAction;
import jp.horenso.escalation.action.messaging.ResponseActionChanged;
import jp.horenso.escalation.action.repository.ResponseActionRepository;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.UnitKind;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.EscalationService;
import jp.horenso.escalation.hop.service.UnknownCaseException;
import jp.horenso.escalation.notice.Notice;
import jp.horenso.escalation.notice.Notices;
import jp.horenso.escalation.notice.event.NotificationRequested.ResponseActionRef;
import jp.horenso.escalation.timer.DueRowBatch;
import jp.horenso.escalation.timer.TimerLag;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Response actions reach their owner (第44条3項: the CSIRT instructs, the section carries out): a recorded action,
 * or one given to another owner, tells the owner (RESPONSE_ACTION_ASSIGNED); an action unfinished at the end of
 * its due date (the organisation's zone) tells the owner and the CSIRT (RESPONSE_ACTION_OVERDUE). The owner is
 * the action's person when set, else the chief of its unit (the head, for a department).
 */
@ApplicationScoped
@Transactional
public class ResponseActionService {

    private static final Logger LOG = Logger.getLogger(ResponseActionService.class);

    private final Inbox inbox;
    private final ChainRunRepository runs;
    private final ResponseActionRepository actions;
    private final DirectoryService directory;
    private final Notices notices;
    private final DatabaseClock clock;
    private final EscalationConfig config;
    private final DueRowBatch batch;
    private final TimerLag lag;

    public ResponseActionService(
            Inbox inbox,
            ChainRunRepository runs,
            ResponseActionRepository actions,
            DirectoryService directory,
            Notices notices,
            DatabaseClock clock,
            EscalationConfig config,
            DueRowBatch batch,
            TimerLag lag) {
        this.batch = batch;
        this.lag = lag;
        this.inbox = inbox;
        this.runs = runs;
        this.actions = actions;
        this.directory = directory;
        this.notices = notices;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Applies a version of an action (recorded, revised, status changed): re-plans its overdue timer and, when it
     * is recorded or its owner changed, tells the owner. An older version than the one kept changes nothing.
     *
     * @throws UnknownCaseException when no chain runs for the case (the event is dead-lettered)
     */
    public void changed(UUID eventId, String eventName, ResponseActionChanged change) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            return;
        }
        ChainRun run = runs.lockRun(change.incidentId())
                .orElseThrow(() -> new UnknownCaseException(change.incidentId(), eventName));
        if (run.stopped()) {
            LOG.infof(
                    "case %s is stopped; %s of action %s changes nothing",
                    run.incidentNumber(), eventName, change.actionId());
            return;
        }
        Optional<ResponseAction> kept = actions.lock(change.actionId());
        if (kept.isPresent() && kept.get().version() > change.version()) {
            LOG.infof(
                    "action %s: version %d is older than %d; ignored",
                    change.actionId(), change.version(), kept.get().version());
            return;
        }
        ResponseAction action = kept.orElseGet(() -> {
            ResponseAction created = new ResponseAction(change.actionId(), change.incidentId());
            return created;
        });
        Instant dueAt = change.dueDate() == null
                ? null
                : change.dueDate().plusDays(1).atStartOfDay(config.zone()).toInstant();
        action.takeVersion(
                change.kind(),
                change.ownerUnit(),
                change.ownerPerson(),
                change.dueDate(),
                dueAt,
                change.status(),
                change.version());
        if (kept.isEmpty()) {
            actions.persist(action);
        }
        boolean assigned = ResponseActionChanged.RECORDED.equals(eventName)
                || (ResponseActionChanged.REVISED.equals(eventName) && change.ownerChanged());
        if (!assigned || ResponseAction.finished(change.status())) {
            return;
        }
        Instant now = clock.transactionTime();
        List<Person> owners = owners(run, action);
        for (Person owner : owners) {
            notices.send(
                    run,
                    Notice.of(run, Notices.RESPONSE_ACTION_ASSIGNED, eventId.toString())
                            .to(owner)
                            .responseAction(ref(action)),
                    now);
        }
        LOG.infof(
                "case %s: %s action %s given to %s",
                run.incidentNumber(),
                action.kind(),
                action.actionId(),
                owners.stream().map(Person::username).toList());
    }

    /**
     * One batch of the overdue timer ({@link DueRowBatch}): claims up to a batch of due timers and, each in a
     * transaction of its own, tells the unfinished action's owner and the CSIRT; a timer that cannot be handled is
     * parked. {@code fired} of the result: the ids of the actions whose timer fired.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DueRowBatch.Result fireDue() {
        DueRowBatch.DueRows<ResponseAction> due = new DueRowBatch.DueRows<>(
                "response_action", "action_id", actions::claimDue, actions::lockDue, action -> {
                    fire(action);
                    return true;
                });
        return batch.run(due, config.claimBatchSize());
    }

    private void fire(ResponseAction action) {
        Instant now = clock.transactionTime();
        lag.fired(TimerLag.RESPONSE_ACTIONS, action.dueAt(), now);
        action.fire(now);
        ChainRun run = runs.findById(action.incidentId());
        Map<String, Person> told = new LinkedHashMap<>();
        owners(run, action).forEach(p -> told.putIfAbsent(p.username(), p));
        notices.people(run, List.of(Position.CSIRT)).forEach(p -> told.putIfAbsent(p.username(), p));
        for (Person person : told.values()) {
            notices.send(
                    run,
                    Notice.of(
                                    run,
                                    Notices.RESPONSE_ACTION_OVERDUE,
                                    "action:" + action.actionId() + ":" + action.dueAt())
                            .to(person)
                            .responseAction(ref(action)),
                    now);
        }
        LOG.infof(
                "case %s: %s action %s was due %s and is %s; told %s",
                run.incidentNumber(),
                action.kind(),
                action.actionId(),
                action.dueDate(),
                action.status(),
                told.keySet());
    }

    /** The action's person when set and known, else the chief (or head) of its unit. */
    private List<Person> owners(ChainRun run, ResponseAction action) {
        Optional<Person> person = directory.person(run.organisation(), action.ownerPerson());
        if (person.isPresent()) {
            return List.of(person.get());
        }
        Optional<Unit> unit = directory.unit(run.organisation(), action.ownerUnit());
        if (unit.isEmpty()) {
            LOG.warnf(
                    "case %s: action %s has no known owner (person %s, unit %s)",
                    run.incidentNumber(), action.actionId(), action.ownerPerson(), action.ownerUnit());
            return List.of();
        }
        Position chief = unit.get().kind() == UnitKind.DEPARTMENT ? Position.DEPARTMENT_HEAD : Position.SECTION_CHIEF;
        return notices.reachable(run, chief, unit.get().code());
    }

    private static ResponseActionRef ref(ResponseAction action) {
        return new ResponseActionRef(action.actionId(), action.kind(), action.dueDate());
    }
}
