package jp.horenso.web.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The names of the organisations the console has shown, as incident-service keeps them from
 * {@code OrganisationOnboarded} ({@code GET /api/organisation}): an organisation onboarded at runtime is named in the
 * header without a redeploy. Asked once per organisation, with the signed-in person's own token (so a person only
 * ever learns the name of their own organisation); the texts' {@code organisation.<code>} and then the code are the
 * fallbacks while incident-service cannot answer.
 */
@ApplicationScoped
public class OrganisationNames {

    private static final Logger LOG = Logger.getLogger(OrganisationNames.class);

    /** A name in both languages. */
    public record Name(String ja, String en) {

        String in(Object locale) {
            return "en".equals(Texts.lang(locale)) && en != null && !en.isBlank() ? en : ja;
        }
    }

    private final Map<String, Name> names = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    public OrganisationNames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The name of {@code code} in {@code locale}.
     *
     * @param profile asks incident-service for the caller's organisation (only called for the caller's own code);
     *     null when nothing may be asked (a refusal page)
     */
    public String name(String code, Object locale, Supplier<Response> profile) {
        Name known = names.get(code);
        if (known == null && profile != null) {
            known = fetch(code, profile);
        }
        if (known != null) {
            return known.in(locale);
        }
        String key = "organisation." + code;
        String text = Texts.get(locale, key);
        return key.equals(text) ? code : text;
    }

    private Name fetch(String code, Supplier<Response> profile) {
        try (Response response = profile.get()) {
            if (response.getStatus() != 200) {
                return null;
            }
            JsonNode body = mapper.readTree(response.readEntity(String.class));
            JsonNode name = body.path("name");
            if (!code.equals(body.path("code").asText())
                    || name.path("ja").asText().isBlank()) {
                return null;
            }
            Name found = new Name(name.path("ja").asText(), name.path("en").asText(null));
            names.put(code, found);
            return found;
        } catch (Exception e) {
            LOG.debugf(e, "organisation name of %s not available", code);
            return null;
        }
    }
}
