package jp.horenso.incident.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jp.horenso.localstack.testing.PostgresKafkaResource;

/**
 * The real PostgreSQL and Kafka broker (and a token-signing OIDC stand-in) started once for every test of this
 * module. Quarkus test resources declared here apply to all test classes.
 */
@QuarkusTestResource(PostgresKafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {}
}
