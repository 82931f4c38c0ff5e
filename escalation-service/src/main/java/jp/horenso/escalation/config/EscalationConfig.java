package jp.horenso.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.horenso.escalation.directory.Position;

/** Typed configuration of the reporting chain's engine ({@code horenso.escalation.*}). */
@ConfigMapping(prefix = "horenso.escalation")
public interface EscalationConfig {

    /**
     * What 直ちに ("immediately", 第43条) means as an acknowledgement deadline; a chain step whose
     * {@code ackWithin} is {@code immediately} uses it, so changing it needs no new chain version.
     */
    @WithDefault("PT15M")
    Duration immediate();

    /** How often the timer looks for hops whose deadline has passed. */
    @WithDefault("1s")
    Duration timerInterval();

    /** How many due hops one timer transaction claims at most. */
    @WithDefault("100")
    int claimBatchSize();

    /**
     * How many threads of this instance claim and time out due hops side by side, each batch in a transaction of
     * its own ({@code FOR UPDATE SKIP LOCKED}: a hop, with its case's chain run, is held by one of them only). One
     * thread was the limit of the 100,000-timer benchmark, not the cores (docs/benchmarks.md, timers).
     */
    @WithDefault("2")
    int timerWorkers();

    /**
     * Between two rounds of {@code timer-interval}, the hop timer looks again when the next hop falls due, at most
     * this often: a hop due just after a round then waits this long, not the whole interval. Equal to the interval
     * (or longer, the default): once per interval only — at 1,000 time-outs per second the smaller batches of the
     * look-again cost more than they saved (docs/benchmarks.md, timers, session 9).
     */
    @WithDefault("1s")
    Duration timerResolution();

    /**
     * Classpath resources with organisations (directory and chain) to load when not yet in the database; none
     * unless configured (the demo organisation is seeded in dev and test only, or where the environment asks for
     * it with {@code HORENSO_ESCALATION_SEED_FILES}).
     */
    Optional<List<String>> seedFiles();

    /** The organisations' time zone: deputies' validity dates, office hours and calendar days are counted in it. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** Legal clocks (regulatory.md R1, R2). */
    Legal legal();

    /** Office hours, for chain steps marked {@code officeHours}. */
    OfficeHours officeHours();

    /** Who is reminded of a legal deadline and who is told when it is missed. */
    interface Legal {

        /**
         * How long before the final report's (確報) deadline the reminder goes out, in calendar days. The prompt
         * report's (速報) reminder time comes with the duty from incident-service's legal rule set.
         */
        @WithDefault("P7D")
        Period finalReminderLead();

        /** How long before the notice to persons' (本人通知) deadline the reminder goes out, in calendar days. */
        @WithDefault("P1D")
        Period personsNoticeReminderLead();

        /** Positions reminded before a deadline (the CSIRT and the security lead). */
        @WithDefault("CSIRT,SECURITY_LEAD")
        List<Position> remind();

        /** Positions a missed deadline escalates to, besides those reminded (the CISO). */
        @WithDefault("CISO")
        List<Position> escalate();
    }

    /** The office's hours and calendar (閉庁日: weekends, public holidays, 年末年始). */
    interface OfficeHours {

        @WithDefault("08:30")
        LocalTime start();

        @WithDefault("17:15")
        LocalTime end();

        /** Classpath CSV of public holidays ({@code date,name}). */
        @WithDefault("calendar/jp-public-holidays.csv")
        String holidays();

        /** Days the office is closed every year besides weekends and public holidays, as MM-DD. */
        @WithDefault("12-29,12-30,12-31,01-02,01-03")
        List<String> closedDays();
    }
}
