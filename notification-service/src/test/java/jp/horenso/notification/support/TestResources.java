package jp.horenso.notification.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The token-signing OIDC stand-in for every test of this module (its keys verify {@link Tokens}' tokens; the
 * service's OIDC settings in %test point at it). Quarkus test resources declared here apply to all test classes.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {}
}
