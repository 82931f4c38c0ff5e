package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The KeycloakRealmImport carries the production realm template unchanged — no demo user, no password grant — and
 * fills each of its placeholders from a Secret.
 */
class RealmImportTest {

    private static ObjectNode realmImport() {
        return Repo.named(Repo.render("production"), "KeycloakRealmImport", "horenso-realm");
    }

    @Test
    void theImportedRealmIsTheProductionTemplateUnchanged() {
        JsonNode template = Yaml.json(Repo.root().resolve("deploy/keycloak/horenso-realm-production.json"));
        assertEquals(template, realmImport().at("/spec/realm"));
        assertEquals(
                Repo.named(Repo.render("production"), "Keycloak", "horenso-keycloak")
                        .at("/metadata/name")
                        .asText(),
                realmImport().at("/spec/keycloakCRName").asText());
    }

    @Test
    void noDemoUserNoPasswordGrantNoImplicitFlow() {
        JsonNode realm = realmImport().at("/spec/realm");
        assertEquals(0, realm.path("groups").size(), "no demo organisation's groups");
        for (JsonNode user : realm.path("users")) {
            assertTrue(user.hasNonNull("serviceAccountClientId"), "only service accounts: " + user);
            assertFalse(user.has("credentials"), user.toString());
        }
        for (JsonNode client : realm.path("clients")) {
            assertFalse(
                    client.path("directAccessGrantsEnabled").asBoolean(true),
                    client.path("clientId").asText());
            assertFalse(
                    client.path("implicitFlowEnabled").asBoolean(false),
                    client.path("clientId").asText());
        }
        assertEquals("all", realm.path("sslRequired").asText());
    }

    @Test
    void everyPlaceholderComesFromASecret() {
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}")
                .matcher(realmImport().at("/spec/realm").toString());
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> given = new TreeSet<>();
        realmImport().at("/spec/placeholders").fields().forEachRemaining(f -> {
            given.add(f.getKey());
            assertTrue(f.getValue().at("/secret/name").isTextual(), f.getKey());
        });
        assertEquals(used, given);
        assertEquals(3, used.size(), used.toString());
    }
}
