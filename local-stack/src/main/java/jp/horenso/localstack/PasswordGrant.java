package jp.horenso.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An access token of a demo user from the local stack's Keycloak, by the password grant of the public CLI client
 * (password = user name in the demo realm). Shared by the scripts that drive the whole stack (bench/Bench.java,
 * bench/Chaos.java); the system tests have their own REST Assured view of the realm (DemoRealm).
 */
public final class PasswordGrant {

    /** The public client of the CLI (and of scripts). */
    public static final String CLIENT = "horenso-cli";

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PasswordGrant() {}

    /** A fresh access token of demo user {@code username} (its password is its name). */
    public static String accessToken(String realmUrl, String username) {
        return accessToken(realmUrl, username, username);
    }

    /** A fresh access token of {@code username}; fails with the token endpoint's answer when refused. */
    public static String accessToken(String realmUrl, String username, String password) {
        String form = "grant_type=password&client_id=" + CLIENT + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("no token for " + username + ": " + r.statusCode() + " " + r.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + username + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
