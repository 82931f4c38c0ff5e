package jp.horenso.web.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Idle log-off of the console (鹿沼市 情報セキュリティ対策基準 第58条(3): 一定時間操作されない状態が継続した場合の自動ログオフ).
 * The standard names no time; the realm's SSO session idle time-out is the same (30 minutes in both realms), so that
 * after the console's log-off the person must type their password again.
 */
@ConfigMapping(prefix = "horenso.web.idle")
public interface IdleConfig {

    /** How long without a request of the person the console session lives ({@code HORENSO_WEB_IDLE_TIMEOUT}). */
    @WithDefault("PT30M")
    Duration timeout();

    /** How long before the log-off the page warns ({@code HORENSO_WEB_IDLE_WARNING}). */
    @WithDefault("PT1M")
    Duration warning();

    /** The key the activity cookie is signed with (the console's session secret). */
    String signingSecret();
}
