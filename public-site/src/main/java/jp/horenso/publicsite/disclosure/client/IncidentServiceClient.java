package jp.horenso.publicsite.disclosure.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jp.horenso.publicsite.config.PublicSiteConfig;
import jp.horenso.publicsite.disclosure.Disclosure;

/**
 * Reads incident-service's login-free public endpoint, {@code /api/public/organisations/{organisation}/disclosures},
 * and nothing else: the site holds no credentials and no data of its own.
 */
@ApplicationScoped
public class IncidentServiceClient {

    private final PublicSiteConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public IncidentServiceClient(PublicSiteConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.http =
                HttpClient.newBuilder().connectTimeout(config.upstreamTimeout()).build();
    }

    /** An organisation's published disclosures, newest first. */
    public Disclosure.Page list(String organisation, int page, int size) {
        return get(path(organisation) + "?page=" + page + "&size=" + size, Disclosure.Page.class)
                .orElseGet(() -> new Disclosure.Page(java.util.List.of(), page, size, 0));
    }

    /** One published disclosure, or empty when there is none with that number. */
    public Optional<Disclosure> one(String organisation, int publicId) {
        return get(path(organisation) + "/" + publicId, Disclosure.class);
    }

    private String path(String organisation) {
        return "/api/public/organisations/" + URLEncoder.encode(organisation, StandardCharsets.UTF_8) + "/disclosures";
    }

    private <T> Optional<T> get(String path, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(config.incidentServiceUrl().replaceAll("/+$", "") + path))
                .timeout(config.upstreamTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new UpstreamUnavailableException("incident-service answered " + response.statusCode());
            }
            return Optional.of(mapper.readValue(response.body(), type));
        } catch (IOException e) {
            throw new UpstreamUnavailableException("incident-service could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted");
        }
    }

    /** incident-service did not answer as expected; the site shows a "not available now" page. */
    public static class UpstreamUnavailableException extends RuntimeException {
        public UpstreamUnavailableException(String message) {
            super(message);
        }
    }
}
