package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.event.ChainStarted;
import jp.horenso.escalation.hop.event.ChainStopped;
import jp.horenso.escalation.hop.event.HopAcknowledged;
import jp.horenso.escalation.hop.event.HopCancelled;
import jp.horenso.escalation.hop.event.HopEscalated;
import jp.horenso.escalation.hop.event.HopOpened;
import jp.horenso.escalation.hop.event.HopTimedOut;
import jp.horenso.escalation.hop.event.IncidentMarkedSerious;
import jp.horenso.escalation.hop.event.Recipient;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.HopOpener.Opening;
import jp.horenso.escalation.hop.service.HopOpener.ToldOutsideBody;
import jp.horenso.escalation.notice.Notice;
import jp.horenso.escalation.notice.Notices;
import jp.horenso.escalation.notice.event.NotificationRequested;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;

/** Writes the chain's decisions as events to the outbox, in the caller's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ChainEventWriter {

    /** {@code NotificationRequested.kind} of the chain's first notifications. */
    public static final String NEW_REPORT = "NEW_REPORT";
    /** {@code NotificationRequested.kind} of notifications after a time-out or a condition. */
    public static final String ESCALATION = "ESCALATION";
    /** {@code NotificationRequested.kind} of a repeated notice to someone who has not acknowledged yet. */
    public static final String REMINDER = "REMINDER";
    /** The user-name prefix of an outside body in a notification's recipient. */
    public static final String OUTSIDE_BODY_PREFIX = "outside:";

    private final Outbox outbox;
    private final Notices notices;
    private final ChainRunRepository runs;
    private final HopCounters counters;

    public ChainEventWriter(Outbox outbox, Notices notices, ChainRunRepository runs, HopCounters counters) {
        this.outbox = outbox;
        this.notices = notices;
        this.runs = runs;
        this.counters = counters;
    }

    public void chainStarted(ChainRun run, Instant now) {
        append(
                ChainStarted.NAME,
                run.incidentId(),
                now,
                new ChainStarted(run.incidentId(), run.organisation(), run.chainVersion()));
    }

    /** HopOpened with its NotificationRequested for every hop, and a NotificationRequested per outside body. */
    public void opened(ChainRun run, Opening opening, String kind, Instant now) {
        opened(run, opening, kind, null, now);
    }

    /**
     * As {@link #opened(ChainRun, Opening, String, Instant)}, with a {@code note} travelling with each notice (the
     * acknowledging person's comment of a FORWARDED notice).
     */
    public void opened(ChainRun run, Opening opening, String kind, String note, Instant now) {
        opening.hops().forEach(hop -> hopOpened(run, hop, hop.attempt() > 1 ? REMINDER : kind, note, now));
        opening.outsideBodies().forEach(body -> outsideBodyTold(run, body, kind, note, now));
    }

    /** HopOpened and the NotificationRequested that tells its recipient. */
    public void hopOpened(ChainRun run, OpenedHop hop, String kind, Instant now) {
        hopOpened(run, hop, kind, null, now);
    }

    private void hopOpened(ChainRun run, OpenedHop hop, String kind, String note, Instant now) {
        append(
                HopOpened.NAME,
                run.incidentId(),
                now,
                new HopOpened(
                        run.incidentId(),
                        hop.hopId(),
                        hop.step(),
                        recipient(hop),
                        hop.ackDeadline(),
                        hop.escalatedFrom(),
                        hop.trigger(),
                        hop.attempt(),
                        hop.asDeputy() ? Boolean.TRUE : null,
                        hop.deputyFor(),
                        hop.forwardedFrom()));
        counters.opened(run.organisation());
        notices.send(
                run,
                Notice.of(run, kind, "hop:" + hop.hopId())
                        .to(hop.recipient())
                        .hop(hop.hopId(), hop.step(), hop.ackDeadline(), hop.attempt(), hop.asDeputy(), hop.deputyFor())
                        .note(note),
                now);
    }

    /** An outside body (関係機関, 第43条2項) is told; it has no hop and no deadline. */
    private void outsideBodyTold(ChainRun run, ToldOutsideBody told, String kind, String note, Instant now) {
        String locale = told.body().locale() == null ? "ja" : told.body().locale();
        String name = "en".equals(locale) && told.body().name().en() != null
                ? told.body().name().en()
                : told.body().name().ja();
        NotificationRequested.Recipient to = new NotificationRequested.Recipient(
                OUTSIDE_BODY_PREFIX + told.body().id(), name, told.body().email(), locale);
        notices.send(
                run,
                Notice.of(
                                run,
                                kind,
                                "outside:" + run.incidentId() + ":"
                                        + told.body().id())
                        .to(to)
                        .outsideBody(told.body().id())
                        .note(note),
                now);
    }

    /** HOP_OVERDUE: the recipient's own hop passed its deadline unacknowledged (besides the escalation). */
    public void hopOverdue(ChainRun run, Hop hop, Instant now) {
        NotificationRequested.Recipient to = new NotificationRequested.Recipient(
                hop.recipientUsername(),
                hop.recipientName(),
                hop.recipientEmail(),
                hop.recipientLocale() == null ? "ja" : hop.recipientLocale());
        notices.send(
                run,
                Notice.of(run, Notices.HOP_OVERDUE, "hop:" + hop.id())
                        .to(to)
                        .hop(hop.id(), hop.step(), hop.ackDeadline(), hop.attempt(), hop.asDeputy(), hop.deputyFor()),
                now);
    }

    /** HopCancelled: nobody needs to acknowledge the hop any more. */
    public void hopCancelled(Hop hop, Instant now) {
        append(
                HopCancelled.NAME,
                hop.incidentId(),
                now,
                new HopCancelled(
                        hop.incidentId(),
                        hop.id(),
                        hop.step(),
                        new HopCancelled.Username(hop.recipientUsername()),
                        hop.cancelReason().name(),
                        hop.cancelledAt()));
    }

    /** ChainStopped: the case was closed or withdrawn; sent once per case. */
    public void chainStopped(ChainRun run, List<UUID> cancelledHops, int cancelledTimers, Instant now) {
        append(
                ChainStopped.NAME,
                run.incidentId(),
                now,
                new ChainStopped(
                        run.incidentId(), run.stopReason().name(), run.stoppedAt(), cancelledHops, cancelledTimers));
    }

    public void hopAcknowledged(Hop hop, String via, Instant now) {
        append(
                HopAcknowledged.NAME,
                hop.incidentId(),
                now,
                new HopAcknowledged(
                        hop.incidentId(),
                        hop.id(),
                        hop.step(),
                        hop.acknowledgedBy(),
                        hop.acknowledgedAt(),
                        hop.late(),
                        via));
        counters.acknowledged(organisationOf(hop.incidentId()), hop.late());
    }

    public void hopTimedOut(Hop hop, Instant now) {
        append(
                HopTimedOut.NAME,
                hop.incidentId(),
                now,
                new HopTimedOut(
                        hop.incidentId(),
                        hop.id(),
                        hop.step(),
                        new Recipient(hop.recipientUsername(), hop.recipientEmail(), hop.recipientName()),
                        hop.ackDeadline(),
                        hop.timedOutAt()));
    }

    public void hopEscalated(Hop from, List<OpenedHop> to, Instant now) {
        List<HopEscalated.ToHop> toHops = to.stream()
                .map(hop -> new HopEscalated.ToHop(hop.hopId(), hop.step(), recipient(hop)))
                .toList();
        append(
                HopEscalated.NAME,
                from.incidentId(),
                now,
                new HopEscalated(from.incidentId(), from.id(), toHops, "TIMEOUT"));
        counters.escalated(organisationOf(from.incidentId()));
    }

    public void incidentMarkedSerious(ChainRun run, Instant now) {
        append(
                IncidentMarkedSerious.NAME,
                run.incidentId(),
                now,
                new IncidentMarkedSerious(
                        run.incidentId(), run.markedSeriousBy(), run.markedSeriousAt(), run.markedSeriousReason()));
    }

    private static Recipient recipient(OpenedHop hop) {
        return new Recipient(
                hop.recipient().username(),
                hop.recipient().email(),
                hop.recipient().displayName());
    }

    private void append(String eventName, UUID incidentId, Instant now, Object data) {
        outbox.append(eventName, Organisation.of(organisationOf(incidentId)), incidentId.toString(), now, data);
    }

    /** The case's run is in this transaction's persistence context already (every change locks it first). */
    private String organisationOf(UUID incidentId) {
        return runs.findById(incidentId).organisation();
    }
}
