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
import java.util.List;
import java.util.Optional;
import jp.horenso.publicsite.config.PublicSiteConfig;
import jp.horenso.publicsite.disclosure.Disclosure;
import org.jboss.logging.Logger;

/**
 * Reads incident-service's login-free public endpoint, {@code /api/public/organisations/{organisation}/disclosures},
 * and nothing else: the site holds no credentials and no data of its own.
 */
@ApplicationScoped
public class IncidentServiceClient {

    private static final Logger LOG = Logger.getLogger(IncidentServiceClient.class);

    private final PublicSiteConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public IncidentServiceClient(PublicSiteConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.upstreamTimeout())
                .build();
    }

    /**
     * An organisation's published disclosures, newest first. Never a mixed list: incident-service answers per
     * organisation, and an item naming another organisation (or none) is dropped here as well, and logged.
     */
    public Disclosure.Page list(String organisation, int page, int size) {
        Disclosure.Page found = get(path(organisation) + "?page=" + page + "&size=" + size, Disclosure.Page.class)
                .orElseGet(() -> new Disclosure.Page(List.of(), page, size, 0));
        List<Disclosure> items = found.items() == null ? List.of() : found.items();
        List<Disclosure> own = items.stream()
                .filter(d -> organisation.equals(d.organisation()))
                .toList();
        if (own.size() != items.size()) {
            LOG.warnf(
                    "incident-service listed %d disclosure(s) of another organisation for %s: not shown",
                    items.size() - own.size(), organisation);
            return new Disclosure.Page(
                    own, found.page(), found.size(), Math.max(0, found.total() - (items.size() - own.size())));
        }
        return new Disclosure.Page(own, found.page(), found.size(), found.total());
    }

    /**
     * One published disclosure, or empty when there is none with that number in that organisation (one naming
     * another organisation is treated as none).
     */
    public Optional<Disclosure> one(String organisation, int publicId) {
        Optional<Disclosure> found = get(path(organisation) + "/" + publicId, Disclosure.class);
        if (found.isPresent() && !organisation.equals(found.get().organisation())) {
            LOG.warnf(
                    "incident-service answered disclosure %d of %s with another organisation's",
                    publicId, organisation);
            return Optional.empty();
        }
        return found;
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
