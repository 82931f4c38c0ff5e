package jp.horenso.web.loginevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the realm's user events through Keycloak's admin REST API with the service account of
 * {@code horenso-audit-reader} (client-credentials grant; roles {@code view-events} and {@code view-users} only).
 * Keycloak's events name a user by id; the organisation comes from the user's {@code organisation} attribute, so only
 * events of users of the asked organisation are returned — a failed log-in under an unknown user name (no user id)
 * belongs to no organisation and is shown to none (Keycloak's own admin console shows it).
 */
@ApplicationScoped
public class KeycloakEvents {

    private static final int PAGE = 500;

    private final LoginEventsConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    @Inject
    public KeycloakEvents(LoginEventsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * The events of the organisation's users from {@code from} to {@code to} (Japan dates, both included), newest
     * first, at most {@link LoginEventsConfig#maxShown()}.
     */
    public Result events(String organisation, LocalDate from, LocalDate to) {
        Map<String, String> users = usersOf(organisation);
        Instant start = from.atStartOfDay(jp.horenso.web.common.Formats.JAPAN).toInstant();
        Instant end =
                to.plusDays(1).atStartOfDay(jp.horenso.web.common.Formats.JAPAN).toInstant();
        List<LoginEvent> kept = new ArrayList<>();
        int scanned = 0;
        boolean more = true;
        // Keycloak reads dateFrom/dateTo as whole days of its own time zone: ask one day wider, keep the exact range.
        String range = "&dateFrom=" + from.minusDays(1) + "&dateTo=" + to.plusDays(1);
        while (more && scanned < config.maxScanned() && kept.size() < config.maxShown()) {
            JsonNode page = get(adminUrl() + "/events?first=" + scanned + "&max=" + PAGE + range);
            int n = page.size();
            scanned += n;
            more = n == PAGE;
            for (JsonNode e : page) {
                String userId = e.path("userId").asText(null);
                Instant time = Instant.ofEpochMilli(e.path("time").asLong());
                if (userId == null || !users.containsKey(userId) || time.isBefore(start) || !time.isBefore(end)) {
                    continue;
                }
                kept.add(new LoginEvent(
                        time,
                        e.path("type").asText(),
                        users.get(userId),
                        e.path("clientId").asText(null),
                        e.path("ipAddress").asText(null),
                        e.path("error").asText(null),
                        e.path("sessionId").asText(null),
                        details(e.path("details"))));
                if (kept.size() >= config.maxShown()) {
                    break;
                }
            }
        }
        return new Result(kept, users.size(), scanned, more || kept.size() >= config.maxShown());
    }

    /**
     * What was read.
     *
     * @param people how many users of the organisation the realm has
     * @param scanned how many of the realm's events were read
     * @param truncated whether older events were left unread (narrow the dates)
     */
    public record Result(List<LoginEvent> events, int people, int scanned, boolean truncated) {}

    /** The organisation's users: id → user name (the attribute checked exactly, whatever Keycloak's search did). */
    Map<String, String> usersOf(String organisation) {
        Map<String, String> users = new HashMap<>();
        String q = URLEncoder.encode("organisation:" + organisation, StandardCharsets.UTF_8);
        for (int first = 0; ; first += PAGE) {
            JsonNode page =
                    get(adminUrl() + "/users?briefRepresentation=false&q=" + q + "&first=" + first + "&max=" + PAGE);
            for (JsonNode u : page) {
                boolean member = false;
                for (JsonNode v : u.path("attributes").path("organisation")) {
                    member |= organisation.equals(v.asText());
                }
                if (member) {
                    users.put(u.path("id").asText(), u.path("username").asText());
                }
            }
            if (page.size() < PAGE) {
                return users;
            }
        }
    }

    private static String details(JsonNode details) {
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            // Codes and redirect addresses only; no token or code value is ever in Keycloak's event details.
            sorted.put(d.getKey(), d.getValue().asText());
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) ->
                out.append(out.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return out.toString();
    }

    String adminUrl() {
        String realm = config.realmUrl().replaceAll("/+$", "");
        return realm.replaceFirst("/realms/", "/admin/realms/");
    }

    private JsonNode get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .GET()
                .build();
        JsonNode answer = send(request);
        if (!answer.isArray()) {
            throw new KeycloakUnavailableException("unexpected answer from " + url);
        }
        return answer;
    }

    private synchronized String token() {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
        JsonNode answer = send(HttpRequest.newBuilder(
                        URI.create(config.realmUrl().replaceAll("/+$", "") + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        token = answer.path("access_token").asText(null);
        if (token == null) {
            throw new KeycloakUnavailableException("no service-account token for " + config.clientId());
        }
        tokenExpires =
                Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong(60) - 30));
        return token;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                if (response.statusCode() == 401) {
                    token = null;
                }
                throw new KeycloakUnavailableException("Keycloak answered " + response.statusCode() + " to "
                        + request.method() + " " + request.uri().getPath());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new KeycloakUnavailableException("Keycloak unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException("interrupted");
        }
    }

    /** Keycloak could not be asked (down, or the service account lacks its roles). */
    public static class KeycloakUnavailableException extends RuntimeException {
        KeycloakUnavailableException(String message) {
            super(message);
        }
    }
}
