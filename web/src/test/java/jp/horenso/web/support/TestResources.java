package jp.horenso.web.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jp.horenso.localstack.testing.PostgresKafkaResource;

/**
 * Started once for every test of this module: the stubbed services, a token-signing OIDC stand-in and a real
 * Kafka broker (for the live updates; its PostgreSQL is unused here).
 */
@QuarkusTestResource(StubServices.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(PostgresKafkaResource.class)
public final class TestResources {

    private TestResources() {}
}
