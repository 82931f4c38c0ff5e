package jp.horenso.incident.assessment.classification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
    private final Map<String, String> byOrganisation = new LinkedHashMap<>();

    public ClassificationSchemes(ObjectMapper mapper) {
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
            root.get("organisations")
                    .fields()
                    .forEachRemaining(
                            e -> byOrganisation.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scheme an organisation chose (Kanuma's when it chose none). */
    public Scheme forOrganisation(String organisation) {
        return schemes.get(byOrganisation.getOrDefault(organisation, "KANUMA"));
    }
}
