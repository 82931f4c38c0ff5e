package jp.horenso.incident.assessment.classification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.horenso.incident.organisation.repository.OrganisationProfileRepository;

/**
 * The information-asset classification schemes (第16条, regulatory.md R6), kept as versioned data in
 * {@code rules/classification-schemes.json}, and which scheme each organisation uses.
 */
@ApplicationScoped
public class ClassificationSchemes {

    /** The axes every scheme classifies on. */
    public enum Axis {
        confidentiality,
        integrity,
        availability
    }

    /**
     * One scheme: for each axis, its levels mapped to the Kanuma levels (3/2/1, 2/1, 2/1) the severity rule reads.
     */
    public record Scheme(String code, int version, Map<Axis, Map<String, Integer>> normalised) {

        public String id() {
            return code + ":" + version;
        }

        /** The normalised level, or null when the level is not part of this scheme. */
        public Integer normalise(Axis axis, String level) {
            return normalised.get(axis).get(level);
        }

        public java.util.Set<String> levels(Axis axis) {
            return normalised.get(axis).keySet();
        }
    }

    private final Map<String, Scheme> schemes = new LinkedHashMap<>();
    private final OrganisationProfileRepository profiles;

    public ClassificationSchemes(ObjectMapper mapper, OrganisationProfileRepository profiles) {
        this.profiles = profiles;
        try (InputStream in = getClass().getResourceAsStream("/rules/classification-schemes.json")) {
            JsonNode root = mapper.readTree(in);
            for (JsonNode s : root.get("schemes")) {
                Map<Axis, Map<String, Integer>> axes = new LinkedHashMap<>();
                for (Axis axis : Axis.values()) {
                    Map<String, Integer> levels = new LinkedHashMap<>();
                    s.at("/axes/" + axis + "/normalised")
                            .fields()
                            .forEachRemaining(
                                    e -> levels.put(e.getKey(), e.getValue().asInt()));
                    axes.put(axis, levels);
                }
                schemes.put(
                        s.get("code").asText(),
                        new Scheme(s.get("code").asText(), s.get("version").asInt(), axes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code code} is a scheme this service knows (rules/classification-schemes.json). */
    public boolean has(String code) {
        return schemes.containsKey(code);
    }

    /**
     * The scheme the organisation chose when it was onboarded (its profile, OrganisationOnboarded).
     *
     * @throws IllegalStateException for an organisation that was not onboarded: it has no cases
     */
    public Scheme forOrganisation(String organisation) {
        String code = profiles.profile(organisation)
                .orElseThrow(() -> new IllegalStateException("organisation " + organisation + " is not onboarded"))
                .classificationScheme();
        return schemes.get(code);
    }
}
