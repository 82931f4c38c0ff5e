package jp.horenso.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

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

    /** Classpath resources with organisations (directory and chain) to load when not yet in the database. */
    @WithDefault("seed/demo-city.yaml")
    List<String> seedFiles();
}
