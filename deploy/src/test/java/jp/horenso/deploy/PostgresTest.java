package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CloudNativePG cluster: three instances; per service an owner role (Flyway) and an application role (the
 * service), each reaching only its own database; the application role is the one the Deployment names as
 * {@code HORENSO_DB_APP_ROLE}, so afterMigrate.sql withholds UPDATE, DELETE and TRUNCATE on the trails from it;
 * nightly backups to the object store.
 */
class PostgresTest {

    private static final List<String> DATABASES = List.of("incident", "escalation", "notification");

    private static ObjectNode cluster() {
        return Repo.named(Repo.render("production"), "Cluster", "horenso-pg");
    }

    @Test
    void threeInstancesAndANightlyBackup() {
        assertEquals(3, cluster().at("/spec/instances").asInt());
        assertTrue(cluster()
                .at("/spec/backup/barmanObjectStore/destinationPath")
                .asText()
                .startsWith("s3://"));
        ObjectNode backup = Repo.named(Repo.render("production"), "ScheduledBackup", "horenso-pg-nightly");
        assertEquals("horenso-pg", backup.at("/spec/cluster/name").asText());
    }

    @Test
    void eachServicesRolesReachOnlyItsDatabase() {
        Set<String> roles = new TreeSet<>();
        cluster()
                .at("/spec/managed/roles")
                .forEach(r -> roles.add(r.path("name").asText()));
        for (String db : DATABASES) {
            assertTrue(roles.containsAll(Set.of(db + "_owner", db + "_app")), roles.toString());
        }
        JsonNode hba = cluster().at("/spec/postgresql/pg_hba");
        for (String db : DATABASES) {
            assertTrue(
                    hba.toString().contains("hostssl " + db + " " + db + "_owner," + db + "_app all scram-sha-256"),
                    hba.toString());
        }
        assertEquals("host all all all reject", hba.get(hba.size() - 1).asText());
        String init = cluster().at("/spec/bootstrap/initdb/postInitSQL").toString();
        for (String db : DATABASES) {
            assertTrue(init.contains("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC"), init);
        }
    }

    @Test
    void theServicesConnectAsTheApplicationRoleAndMigrateAsTheOwner() {
        for (String db : DATABASES) {
            String service = db + "-service";
            ObjectNode deployment = Repo.named(Repo.render("production"), "Deployment", service);
            String appSecret = null;
            String ownerSecret = null;
            String roleSecret = null;
            for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                String secret = env.at("/valueFrom/secretKeyRef/name").asText();
                switch (env.path("name").asText()) {
                    case "QUARKUS_DATASOURCE_USERNAME" -> appSecret = secret;
                    case "QUARKUS_FLYWAY_USERNAME" -> ownerSecret = secret;
                    case "HORENSO_DB_APP_ROLE" -> roleSecret = secret;
                    default -> {}
                }
            }
            assertEquals(appSecret, roleSecret, service);
            for (JsonNode role : cluster().at("/spec/managed/roles")) {
                String name = role.path("name").asText();
                if (name.equals(db + "_app")) {
                    assertEquals(appSecret, role.at("/passwordSecret/name").asText(), service);
                }
                if (name.equals(db + "_owner")) {
                    assertEquals(ownerSecret, role.at("/passwordSecret/name").asText(), service);
                }
            }
        }
    }
}
