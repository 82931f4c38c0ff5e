package jp.horenso.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import jp.horenso.localstack.KeycloakServer;

/**
 * Talks to the real Keycloak of the run the way users and administrators do: password grant on the public
 * client {@code horenso-cli} (every demo password equals the user name) and the admin REST API.
 */
public final class DemoRealm {

    /** The public client of the CLI and of the web UI. */
    public static final String CLIENT = "horenso-cli";
    /** Every demo-city user's e-mail domain. */
    public static final String MAIL_DOMAIN = "demo-city.example.jp";
    /** Every demo-gikai user's e-mail domain (デモ市議会; their usernames start with {@code gikai-}). */
    public static final String GIKAI_MAIL_DOMAIN = "demo-gikai.example.jp";

    private final KeycloakServer keycloak;

    public DemoRealm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** The issuer, as the services know it. */
    public String realmUrl() {
        return keycloak.realmUrl();
    }

    /** The raw token-endpoint answer of a password grant. */
    public Response passwordGrant(String username, String password) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", CLIENT)
                .formParam("username", username)
                .formParam("password", password)
                .formParam("scope", "openid")
                .post(realmUrl() + "/protocol/openid-connect/token");
    }

    /** A fresh access token of a demo user (password = user name). */
    public String accessToken(String username) {
        Response response = passwordGrant(username, username);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "no token for " + username + ": " + response.statusCode() + " " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    /** The claims of a JWT, read without checking its signature (the services check it; we only look). */
    public static JsonPath claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return new JsonPath(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    public static String mailOf(String username) {
        return username + "@" + (username.startsWith("gikai-") ? GIKAI_MAIL_DOMAIN : MAIL_DOMAIN);
    }

    /** The organisation claim of a demo user: デモ市議会's usernames start with {@code gikai-}. */
    public static String organisationOf(String username) {
        return username.startsWith("gikai-") ? "demo-gikai" : "demo-city";
    }

    /** A token of the local stack's bootstrap administrator (master realm). */
    public String adminToken() {
        Response response = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", KeycloakServer.ADMIN_USER)
                .formParam("password", KeycloakServer.ADMIN_PASSWORD)
                .post("http://localhost:" + keycloak.port() + "/realms/master/protocol/openid-connect/token");
        if (response.statusCode() != 200) {
            throw new AssertionError("no admin token: " + response.statusCode() + " " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    /** The admin REST API base of the demo realm. */
    public String adminUrl() {
        return "http://localhost:" + keycloak.port() + "/admin/realms/" + KeycloakServer.REALM;
    }

    /** Keycloak's id of a demo user. */
    public String userId(String username) {
        Response response = given().auth()
                .oauth2(adminToken())
                .queryParams(Map.of("username", username, "exact", "true"))
                .get(adminUrl() + "/users");
        if (response.statusCode() != 200 || response.jsonPath().getList("$").size() != 1) {
            throw new AssertionError("user " + username + " not found: " + response.asString());
        }
        return response.jsonPath().getString("[0].id");
    }
}
