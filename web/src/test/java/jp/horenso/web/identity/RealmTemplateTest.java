package jp.horenso.web.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak realms in {@code deploy/keycloak/} (issue 12). The production template must never gain a demo user,
 * a password grant or a literal secret, and must keep OTP for everyone, the password policy (第51–52条), the
 * lock-out and idle log-off (第58条(2)(3)), the login banner (第58条(1), 第64条) and the kept events (第58条(4),
 * 第64条). The demo realm's README must list every demo user. Plain JSON checks: no Keycloak needed.
 */
class RealmTemplateTest {

    private static final Path DIR = Path.of("..", "deploy", "keycloak");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of(
            "staff",
            "section-chief",
            "department-head",
            "security-lead",
            "csirt",
            "ciso",
            "vice-ciso",
            "auditor",
            "committee",
            "installation-admin");

    private static JsonNode production() throws IOException {
        return JSON.readTree(DIR.resolve("horenso-realm-production.json").toFile());
    }

    private static JsonNode demo() throws IOException {
        return JSON.readTree(DIR.resolve("horenso-realm.json").toFile());
    }

    @Test
    void theProductionTemplateHasNoUserNoDemoMarkAndNoPasswordGrant() throws IOException {
        JsonNode realm = production();
        for (JsonNode user : realm.path("users")) {
            assertAuditReaderServiceAccountOnly(user);
        }
        assertTrue(realm.path("groups").isMissingNode() || realm.path("groups").isEmpty(), "no demo organisation");
        assertFalse(realm.path("attributes").has("horenso.demo-only"));
        String text = Files.readString(DIR.resolve("horenso-realm-production.json"));
        for (String demoName : List.of("demo-city", "demo-gikai", "example.jp", "localhost", "local-demo")) {
            assertFalse(text.replace("such as demo-city", "").contains(demoName), "no demo value: " + demoName);
        }
        assertEquals("all", realm.path("sslRequired").asText(), "TLS for every address");
        assertFalse(realm.path("registrationAllowed").asBoolean(true), "people are created by administrators");
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(false), id + ": no password grant");
            assertFalse(client.path("implicitFlowEnabled").asBoolean(false), id + ": no implicit flow");
            assertEquals(
                    "S256",
                    client.path("attributes").path("pkce.code.challenge.method").asText(),
                    id);
            if (client.has("secret")) {
                assertTrue(
                        client.path("secret").asText().matches("\\$\\{[A-Z_]+}"), id + ": secret from the environment");
            }
            for (JsonNode uri : client.path("redirectUris")) {
                assertTrue(
                        uri.asText().startsWith("${HORENSO_") || uri.asText().startsWith("http://127.0.0.1:"),
                        id + ": a placeholder or the CLI's loopback, never a wildcard: " + uri);
            }
        }
    }

    @Test
    void article51_52_theProductionTemplateHasAPasswordPolicyOfTwelveCharactersSeveralKindsNotTheUsernameNoReuse()
            throws IOException {
        String policy = production().path("passwordPolicy").asText();
        Matcher length = Pattern.compile("length\\((\\d+)\\)").matcher(policy);
        assertTrue(length.find(), policy);
        assertTrue(Integer.parseInt(length.group(1)) >= 12, policy);
        for (String rule : List.of("notUsername", "passwordHistory(", "upperCase(", "lowerCase(", "digits(")) {
            assertTrue(policy.contains(rule), rule + " in " + policy);
        }
    }

    @Test
    void theProductionTemplateRequiresAOneTimePasswordOfEveryone() throws IOException {
        JsonNode realm = production();
        assertEquals("totp", realm.path("otpPolicyType").asText());
        JsonNode configure = find(realm.path("requiredActions"), "alias", "CONFIGURE_TOTP");
        assertTrue(
                configure.path("enabled").asBoolean()
                        && configure.path("defaultAction").asBoolean(),
                "every new user sets up OTP at first log-in");
        String browser = realm.path("browserFlow").asText();
        JsonNode top = find(realm.path("authenticationFlows"), "alias", browser);
        List<JsonNode> executions = new ArrayList<>();
        collect(realm, top, executions);
        JsonNode otp = executions.stream()
                .filter(e -> "auth-otp-form".equals(e.path("authenticator").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no OTP form in " + browser));
        assertEquals("REQUIRED", otp.path("requirement").asText(), "OTP is not conditional");
        assertTrue(executions.stream()
                .noneMatch(e -> "conditional-user-configured"
                        .equals(e.path("authenticator").asText())));
    }

    @Test
    void article58_theProductionTemplateLocksOutRepeatedFailuresLogsOffIdleSessionsAndShowsTheBanner()
            throws IOException {
        JsonNode realm = production();
        assertTrue(realm.path("bruteForceProtected").asBoolean(), "第58条(2)");
        assertTrue(realm.path("failureFactor").asInt(99) <= 10, "第58条(2)");
        int idle = realm.path("ssoSessionIdleTimeout").asInt(0);
        assertTrue(idle > 0 && idle <= 1800, "第58条(3): " + idle);
        String banner = realm.path("displayNameHtml").asText();
        assertTrue(banner.contains("【警告】") && banner.contains("WARNING"), banner);
        assertTrue(banner.indexOf("【警告】") < banner.indexOf("WARNING"), "Japanese first");
        assertTrue(banner.contains("監視") && banner.contains("monitored"), "says use is monitored");
        assertTrue(banner.contains("第58条") && banner.contains("第64条"), "cites the articles");
        assertTrue(banner.contains("Art. 58") && banner.contains("Art. 64"), banner);
        assertEquals("ja", realm.path("defaultLocale").asText());
    }

    @Test
    void article64_theProductionTemplateRecordsAndKeepsLoginAndAdministrativeEvents() throws IOException {
        JsonNode realm = production();
        assertTrue(realm.path("eventsEnabled").asBoolean());
        assertTrue(realm.path("eventsExpiration").asLong() >= 365L * 24 * 3600, "kept a year");
        assertTrue(realm.path("adminEventsEnabled").asBoolean());
        assertTrue(realm.path("adminEventsDetailsEnabled").asBoolean());
        List<String> types = StreamSupport.stream(
                        realm.path("enabledEventTypes").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
        assertTrue(
                types.containsAll(List.of("LOGIN", "LOGIN_ERROR", "LOGOUT", "USER_DISABLED_BY_TEMPORARY_LOCKOUT")),
                String.valueOf(types));
    }

    @Test
    void bothRealmsCarryTheRolesTheClaimsAndTheServicesAudience() throws IOException {
        for (JsonNode realm : List.of(production(), demo())) {
            List<String> roles = StreamSupport.stream(
                            realm.path("roles").path("realm").spliterator(), false)
                    .map(r -> r.path("name").asText())
                    .toList();
            assertTrue(roles.containsAll(ROLES), String.valueOf(roles));
            for (String clientId : List.of("horenso-web", "horenso-cli")) {
                JsonNode client = find(realm.path("clients"), "clientId", clientId);
                JsonNode audience = find(client.path("protocolMappers"), "name", "horenso-api-audience");
                assertEquals(
                        "oidc-audience-mapper", audience.path("protocolMapper").asText());
                assertEquals(
                        "horenso-api",
                        audience.path("config").path("included.custom.audience").asText());
                assertEquals(
                        "true",
                        audience.path("config").path("access.token.claim").asText());
                for (String claim : List.of("organisation", "department", "unit")) {
                    assertEquals(
                            claim,
                            find(client.path("protocolMappers"), "name", claim)
                                    .path("config")
                                    .path("claim.name")
                                    .asText(),
                            clientId);
                }
            }
        }
    }

    @Test
    void theDemoRealmsUsersBelongToAnOrganisationAndAreAllListedInTheReadme() throws IOException {
        String readme = Files.readString(DIR.resolve("README.md"));
        int users = 0;
        for (JsonNode user : demo().path("users")) {
            if (user.has("serviceAccountClientId")) {
                assertAuditReaderServiceAccountOnly(user);
                continue;
            }
            users++;
            String name = user.path("username").asText();
            assertTrue(readme.contains("| `" + name + "` |"), "README lists " + name);
            boolean admin = StreamSupport.stream(user.path("realmRoles").spliterator(), false)
                    .anyMatch(r -> "installation-admin".equals(r.asText()));
            String organisation =
                    user.path("attributes").path("organisation").path(0).asText("");
            assertTrue(admin != !organisation.isEmpty(), name + ": an organisation, unless installation admin");
        }
        assertTrue(users >= 21, "both demo organisations and the installation administrator: " + users);
    }

    /**
     * No person in the production template; the only user either realm file may hold besides the demo people is the
     * service account of {@code horenso-audit-reader} (the console's log-in record, 第58条(4)), with read-only roles:
     * {@code view-events} and {@code view-users} of {@code realm-management}, no realm role, no credential.
     */
    private static void assertAuditReaderServiceAccountOnly(JsonNode user) {
        assertEquals(
                "horenso-audit-reader",
                user.path("serviceAccountClientId").asText(),
                "a service account only: " + user);
        assertTrue(user.path("realmRoles").isEmpty(), "no realm role: " + user);
        assertTrue(user.path("credentials").isMissingNode(), "no credential: " + user);
        List<String> roles = new ArrayList<>();
        user.path("clientRoles")
                .fields()
                .forEachRemaining(e -> e.getValue().forEach(r -> roles.add(e.getKey() + "/" + r.asText())));
        assertEquals(List.of("realm-management/view-events", "realm-management/view-users"), roles, "least privilege");
    }

    @Test
    void article58_4_theAuditReaderIsAServiceAccountOnlyClientInBothRealms() throws IOException {
        for (JsonNode realm : List.of(production(), demo())) {
            JsonNode client = find(realm.path("clients"), "clientId", "horenso-audit-reader");
            assertTrue(client.path("serviceAccountsEnabled").asBoolean(), "client credentials");
            assertFalse(client.path("publicClient").asBoolean(true), "confidential");
            assertFalse(client.path("standardFlowEnabled").asBoolean(true), "nobody logs in through it");
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(true));
            assertTrue(client.path("redirectUris").isEmpty());
            assertAuditReaderServiceAccountOnly(
                    find(realm.path("users"), "serviceAccountClientId", "horenso-audit-reader"));
        }
        assertEquals(
                "${HORENSO_AUDIT_READER_SECRET}",
                find(production().path("clients"), "clientId", "horenso-audit-reader")
                        .path("secret")
                        .asText());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value);
    }

    private static void collect(JsonNode realm, JsonNode flow, List<JsonNode> into) {
        for (JsonNode e : flow.path("authenticationExecutions")) {
            into.add(e);
            if (e.path("autheticatorFlow").asBoolean()) {
                collect(
                        realm,
                        find(
                                realm.path("authenticationFlows"),
                                "alias",
                                e.path("flowAlias").asText()),
                        into);
            }
        }
    }
}
