package jp.horenso.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's idle log-off (第58条(3)) without a server: the activity cookie's rules, and that the console's default
 * time-out is the realm's SSO session idle time-out in both realm files (so that after the console's log-off the
 * password is asked again, and the realm never ends a session the console still shows). The browser proof is
 * system-tests' {@code IdentityOnRealKeycloakTest}.
 */
class IdleLogoffTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private final ActivityCookie cookies = new ActivityCookie("a-secret-of-at-least-sixteen-characters");
    private final Instant t0 = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void article58_3_aSessionUsedWithinTheTimeOutLivesOnAndEndsOnceItHasPassed() {
        String cookie = cookies.value("sid-1", t0);
        Optional<Instant> last = cookies.lastActivity(cookie, "sid-1");
        assertEquals(Optional.of(t0), last);
        assertEquals(TIMEOUT.toSeconds(), ActivityCookie.secondsLeft(last, t0, TIMEOUT));
        assertEquals(60, ActivityCookie.secondsLeft(last, t0.plus(TIMEOUT).minusSeconds(60), TIMEOUT));
        assertEquals(0, ActivityCookie.secondsLeft(last, t0.plus(TIMEOUT), TIMEOUT), "logged off at the time-out");
        assertTrue(ActivityCookie.secondsLeft(last, t0.plus(TIMEOUT).plusSeconds(1), TIMEOUT) < 0);
    }

    @Test
    void article58_3_aChangedCookieCountsAsIdleAndAnotherSessionsCookieAsAFreshStart() {
        String cookie = cookies.value("sid-1", t0);
        String later = cookie.replace(
                Long.toString(t0.toEpochMilli()),
                Long.toString(t0.plusSeconds(3600).toEpochMilli()));
        assertEquals(Optional.of(Instant.EPOCH), cookies.lastActivity(later, "sid-1"), "a forged time is refused");
        assertEquals(Optional.of(Instant.EPOCH), cookies.lastActivity("sid-1.garbage", "sid-1"));
        assertEquals(
                Optional.of(Instant.EPOCH),
                new ActivityCookie("another-secret-of-sixteen-chars").lastActivity(cookie, "sid-1"),
                "signed with another key");
        assertEquals(Optional.empty(), cookies.lastActivity(cookie, "sid-2"), "an earlier sign-in's cookie");
        assertEquals(Optional.empty(), cookies.lastActivity(null, "sid-1"));
        assertEquals(TIMEOUT.toSeconds(), ActivityCookie.secondsLeft(Optional.empty(), t0, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new ActivityCookie("short"));
    }

    @Test
    void article58_3_theConsolesIdleTimeOutIsTheRealmsSsoSessionIdleTimeOut() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        Matcher timeout = Pattern.compile("\\$\\{HORENSO_WEB_IDLE_TIMEOUT:(PT\\w+)}")
                .matcher(properties.getProperty("horenso.web.idle.timeout"));
        assertTrue(timeout.matches(), properties.getProperty("horenso.web.idle.timeout"));
        long console = Duration.parse(timeout.group(1)).toSeconds();
        Matcher warning = Pattern.compile("\\$\\{HORENSO_WEB_IDLE_WARNING:(PT\\w+)}")
                .matcher(properties.getProperty("horenso.web.idle.warning"));
        assertTrue(warning.matches());
        assertEquals(60, Duration.parse(warning.group(1)).toSeconds(), "the page warns a minute before");
        Path dir = Path.of("..", "deploy", "keycloak");
        for (String realm : new String[] {"horenso-realm.json", "horenso-realm-production.json"}) {
            JsonNode json = new ObjectMapper().readTree(dir.resolve(realm).toFile());
            assertEquals(console, json.path("ssoSessionIdleTimeout").asLong(), realm);
        }
    }
}
