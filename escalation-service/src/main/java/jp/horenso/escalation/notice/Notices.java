package jp.horenso.escalation.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Reachable;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.notice.event.NotificationRequested;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;
import org.jboss.logging.Logger;

/**
 * Requests notices (NotificationRequested through the outbox, in the caller's transaction). Whatever reaches the
 * CISO reaches the vice-CISO too, as a copy (第9条). A stopped case (closed, withdrawn) is told nothing more.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Notices {

    /** The acknowledging person forwarded the report (第43条2項). */
    public static final String FORWARDED = "FORWARDED";
    /** The recipient's own hop passed its deadline unacknowledged. */
    public static final String HOP_OVERDUE = "HOP_OVERDUE";
    /** The CSIRT's report awaits the CISO (第44条4項). */
    public static final String CISO_REPORT_SUBMITTED = "CISO_REPORT_SUBMITTED";
    /** The CISO returned the report with instructions (第44条5項). */
    public static final String CISO_REPORT_RETURNED = "CISO_REPORT_RETURNED";
    /** The CISO approved the disclosure text (第43条5項). */
    public static final String DISCLOSURE_APPROVED = "DISCLOSURE_APPROVED";
    /** The disclosure text went public. */
    public static final String DISCLOSURE_PUBLISHED = "DISCLOSURE_PUBLISHED";
    /** A response action was given to a unit or person (第44条3項). */
    public static final String RESPONSE_ACTION_ASSIGNED = "RESPONSE_ACTION_ASSIGNED";
    /** A response action passed its due date unfinished. */
    public static final String RESPONSE_ACTION_OVERDUE = "RESPONSE_ACTION_OVERDUE";

    private static final Logger LOG = Logger.getLogger(Notices.class);

    private final Outbox outbox;
    private final DirectoryService directory;

    public Notices(Outbox outbox, DirectoryService directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    /**
     * Requests the notice, and a copy for each vice-CISO when it goes to the CISO (a hop of the CISO step, or a
     * person holding the CISO position).
     */
    public void send(ChainRun run, Notice notice, Instant now) {
        if (run.stopped()) {
            LOG.debugf(
                    "case %s is stopped (%s); %s to %s not sent",
                    run.incidentNumber(),
                    run.stopReason(),
                    notice.kind(),
                    notice.recipient().username());
            return;
        }
        append(run, notice, now);
        if (notice.toOutsideBody()) {
            return;
        }
        String username = notice.recipient().username();
        if (notice.step() == Position.CISO || holds(run, Position.CISO, username)) {
            for (Person vice : reachable(run, Position.VICE_CISO, null)) {
                if (!vice.username().equals(username)) {
                    append(run, notice.copyFor(vice, username), now);
                }
            }
        }
    }

    /** Who can be told for the positions now (present holders, else a deputy), each person once. */
    public List<Person> people(ChainRun run, List<Position> positions) {
        Map<String, Person> people = new LinkedHashMap<>();
        for (Position position : positions) {
            String unit = switch (position) {
                case SECTION_CHIEF -> run.unitCode();
                case DEPARTMENT_HEAD -> run.departmentCode();
                default -> null;
            };
            reachable(run, position, unit).forEach(p -> people.putIfAbsent(p.username(), p));
        }
        return List.copyOf(people.values());
    }

    /** Who can be told for a position of {@code unit} (null: of the organisation) now. */
    public List<Person> reachable(ChainRun run, Position position, String unit) {
        Reachable reachable = directory.reachable(run.organisation(), position, unit, null);
        if (reachable.unreachable() != null && position != Position.VICE_CISO) {
            LOG.warnf(
                    "case %s: nobody to tell as %s%s (%s)",
                    run.incidentNumber(), position, unit == null ? "" : " of " + unit, reachable.unreachable());
        }
        return reachable.people().stream().map(Reachable.Reached::person).toList();
    }

    private boolean holds(ChainRun run, Position position, String username) {
        return directory.holders(run.organisation(), position, null).stream()
                .anyMatch(p -> p.username().equals(username));
    }

    private void append(ChainRun run, Notice notice, Instant now) {
        outbox.append(
                NotificationRequested.NAME,
                Organisation.of(run.organisation()),
                run.incidentId().toString(),
                now,
                notice.build());
    }
}
